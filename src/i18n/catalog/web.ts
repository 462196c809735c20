/** The texts of section `web` (being moved here from their modules; see catalog.ts). */
export interface WebTexts {
  /** Placeholder until the section's texts move here. */
  readonly pending?: true
}
