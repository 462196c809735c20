/** The texts of section `document` (being moved here from their modules; see catalog.ts). */
export interface DocumentTexts {
  /** Placeholder until the section's texts move here. */
  readonly pending?: true
}
