/** The texts of section `kinds` (being moved here from their modules; see catalog.ts). */
export interface KindsTexts {
  /** Placeholder until the section's texts move here. */
  readonly pending?: true
}
