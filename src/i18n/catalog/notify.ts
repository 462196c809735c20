/** The texts of section `notify` (being moved here from their modules; see catalog.ts). */
export interface NotifyTexts {
  /** Placeholder until the section's texts move here. */
  readonly pending?: true
}
