import type { Catalog } from './catalog.js'
import { CATALOGS } from './languages.js'

/** A language of the mail, reports, dashboard, control document and CLI: a key of the registry. */
export type Language = keyof typeof CATALOGS

/** Every language, in the registry's order; Swedish first, as most readers read it first. */
export const LANGUAGES = Object.keys(CATALOGS) as readonly Language[]

/** The default language: Swedish. */
export const DEFAULT_LANGUAGE: Language = 'sv'

/** Whether a text names a supported language. */
export function isLanguage(text: string | undefined): text is Language {
  return (LANGUAGES as readonly string[]).includes(text ?? '')
}

/** Everything a language says. */
export function catalog(language: Language): Catalog {
  return CATALOGS[language]
}
