import { formatAge } from '../../i18n/amounts.js'
import { catalog, type Language } from '../../i18n/language.js'
import type { DescribableResult, ResultDescription } from '../../results/describable.js'

/** A freshness result in words: how far the target is behind (or ahead of) the source, or how old its newest row is. */
export function describeFreshness(result: DescribableResult, language: Language): ResultDescription {
  const p = catalog(language).kinds.freshness
  const d = result.difference
  const lag = d === null ? 0 : -Number(d.absolute)
  if (lag > 0) return { difference: p.behind(formatAge(lag, language)) }
  if (lag < 0) return { difference: p.ahead(formatAge(-lag, language)) }
  const age = Number(result.target?.age_ms ?? 0)
  return { difference: age > 0 ? p.oldestAllowed(formatAge(age, language)) : '' }
}

/** What to check first when freshness fails: whether the night's load ran and finished. */
export function checkFirstFreshness(_result: DescribableResult, language: Language): string {
  return catalog(language).kinds.freshness.checkFirst
}
