import type { FreshnessAssertion } from '../../definitions/types.js'
import { formatDurationWords } from '../../i18n/format.js'
import { catalog, type Language } from '../../i18n/language.js'
import type { Explanation } from '../../plan/check-kind.js'

/** A `freshness` assertion in words: the newest value's age and/or lag behind the source. */
export function explainFreshness(a: FreshnessAssertion, language: Language): Explanation {
  const p = catalog(language).kinds.freshness
  const maxAge = a.maxAgeMs === undefined ? undefined : formatDurationWords(a.maxAgeMs, language)
  const maxLag = a.maxLagMs === undefined ? undefined : formatDurationWords(a.maxLagMs, language)
  return {
    text: p.sentence(a.column.name, maxAge, maxLag, a.maxAgeFrom === 'cutoff'),
    threshold: p.short(a.column.name, maxAge, maxLag),
  }
}
