import type { Tolerance } from '../../definitions/types.js'
import type { Language } from '../../i18n/language.js'

interface TolerancePhrases {
  readonly tolerance: (
    absolute: number | undefined,
    percent: number | undefined,
    what: 'rows' | 'value',
  ) => string
  readonly exact: string
}

const PHRASES: Readonly<Record<Language, TolerancePhrases>> = {
  sv: {
    tolerance: (absolute, percent, what) => {
      const a =
        absolute !== undefined && absolute > 0
          ? `${String(absolute).replace('.', ',')}${what === 'rows' ? ' rader' : ''}`
          : undefined
      const p =
        percent !== undefined && percent > 0
          ? `${String(percent).replace('.', ',')} % av källans värde`
          : undefined
      if (a === undefined && p === undefined)
        return 'måste vara exakt lika på båda sidor (ingen skillnad tillåts)'
      return `får skilja högst ${[a, p].filter((x) => x !== undefined).join(' eller ')}`
    },
    exact: 'exakt',
  },
  en: {
    tolerance: (absolute, percent, what) => {
      const a =
        absolute !== undefined && absolute > 0 ? `${absolute}${what === 'rows' ? ' rows' : ''}` : undefined
      const p = percent !== undefined && percent > 0 ? `${percent} % of the source value` : undefined
      if (a === undefined && p === undefined)
        return 'must be exactly equal on both sides (no difference allowed)'
      return `may differ by at most ${[a, p].filter((x) => x !== undefined).join(' or ')}`
    },
    exact: 'exact',
  },
}

/** A tolerance as the end of a sentence, e.g. `may differ by at most 5 rows or 0.5 % of the source value`. */
export function toleranceSentence(language: Language, tolerance: Tolerance, what: 'rows' | 'value'): string {
  return PHRASES[language].tolerance(tolerance.absolute, tolerance.percent, what)
}

/** A tolerance in a few words for a summary table: `±5 / ±0.5 %`, or `exact`. */
export function toleranceShort(language: Language, tolerance: Tolerance): string {
  const parts = [
    tolerance.absolute !== undefined && tolerance.absolute > 0 ? `±${tolerance.absolute}` : undefined,
    tolerance.percent !== undefined && tolerance.percent > 0 ? `±${tolerance.percent} %` : undefined,
  ].filter((x) => x !== undefined)
  return parts.length === 0 ? PHRASES[language].exact : parts.join(' / ')
}
