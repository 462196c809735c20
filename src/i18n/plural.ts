import { plural } from './format.js'
import type { Language } from './language.js'

/**
 * The word form for a count by the language's plural rules (Intl): `pluralOf(1, 'sv', 'rad', 'rader')` is `rad`.
 * `count` may be decimal text, formatted or not (`1 234`): its separators are ignored.
 */
export function pluralOf(count: number | string, language: Language, one: string, other: string): string {
  const n = typeof count === 'number' ? count : Number(count.replace(/[^\d-]/g, ''))
  return plural(n, language, [one, other])
}
