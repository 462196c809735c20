import type { Tolerance } from '../../definitions/types.js'
import { plural, separators } from '../../i18n/format.js'
import { catalog, type Language } from '../../i18n/language.js'

/** A bound as written in the definition, with the language's decimal point: `0,5` (sv), `0.5` (en). */
function bound(value: number, language: Language): string {
  return String(value).replace('.', separators(language).point)
}

/** A tolerance as the end of a sentence, e.g. `may differ by at most 5 rows or 0.5 % of the source value`. */
export function toleranceSentence(language: Language, tolerance: Tolerance, what: 'rows' | 'value'): string {
  const words = catalog(language).kinds.tolerance
  const { absolute, percent } = tolerance
  return words.sentence(
    absolute !== undefined && absolute > 0
      ? `${bound(absolute, language)}${what === 'rows' ? ` ${plural(absolute, language, words.rows)}` : ''}`
      : undefined,
    percent !== undefined && percent > 0 ? words.percentOfSource(bound(percent, language)) : undefined,
  )
}

/** A tolerance in a few words for a summary table: `±5 / ±0.5 %`, or `exact`. */
export function toleranceShort(language: Language, tolerance: Tolerance): string {
  const parts = [
    tolerance.absolute !== undefined && tolerance.absolute > 0 ? `±${tolerance.absolute}` : undefined,
    tolerance.percent !== undefined && tolerance.percent > 0 ? `±${tolerance.percent} %` : undefined,
  ].filter((x) => x !== undefined)
  return parts.length === 0 ? catalog(language).kinds.tolerance.exact : parts.join(' / ')
}
