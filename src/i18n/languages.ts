import type { Catalog } from './catalog.js'
import { en } from './en.js'
import { sv } from './sv.js'

/**
 * The registry of languages: one line per language. The first is the default. A language added here (with its file)
 * is accepted by the config's `language`, the dashboard's switcher and `explain --language`.
 */
export const CATALOGS = { sv, en } as const satisfies Readonly<Record<string, Catalog>>
