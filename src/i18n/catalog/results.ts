/** The texts of section `results` (being moved here from their modules; see catalog.ts). */
export interface ResultsTexts {
  /** Placeholder until the section's texts move here. */
  readonly pending?: true
}
