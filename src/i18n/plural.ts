import type { Language } from './language.js'

const RULES = new Map<Language, Intl.PluralRules>()

/**
 * The word form for a count by the language's plural rules (Intl): `pluralOf(1, 'sv', 'rad', 'rader')` is `rad`.
 * `count` may be decimal text, formatted or not (`1 234`): its separators are ignored.
 */
export function pluralOf(count: number | string, language: Language, one: string, other: string): string {
  let rules = RULES.get(language)
  if (rules === undefined) {
    rules = new Intl.PluralRules(language === 'sv' ? 'sv-SE' : 'en-GB')
    RULES.set(language, rules)
  }
  return rules.select(typeof count === 'number' ? count : Number(count.replace(/[^\d-]/g, ''))) === 'one'
    ? one
    : other
}
