/** The languages of the control document and the dashboard; Swedish first, as most readers read it first. */
export const LANGUAGES = ['sv', 'en'] as const

/** A language of the control document and the dashboard. */
export type Language = (typeof LANGUAGES)[number]

/** The default language: Swedish. */
export const DEFAULT_LANGUAGE: Language = 'sv'

/** Whether a text names a supported language. */
export function isLanguage(text: string | undefined): text is Language {
  return (LANGUAGES as readonly string[]).includes(text ?? '')
}
