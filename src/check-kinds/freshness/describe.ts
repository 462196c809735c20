import { formatAge } from '../../i18n/amounts.js'
import type { Language } from '../../i18n/language.js'
import type { DescribableResult, ResultDescription } from '../../results/describable.js'

interface FreshnessWords {
  readonly behind: (d: string) => string
  readonly ahead: (d: string) => string
  readonly oldestAllowed: (age: string) => string
  readonly checkFirst: string
}

const PHRASES: Readonly<Record<Language, FreshnessWords>> = {
  sv: {
    behind: (d) => `${d} efter källan`,
    ahead: (d) => `${d} före källan`,
    oldestAllowed: (age) => `senaste raden är ${age} gammal`,
    checkFirst:
      'Titta först i laddningsloggen: kördes nattens laddning, och blev den klar? En laddning som stannat eller hoppat över tabellen gör att målets nyaste rad är gammal.',
  },
  en: {
    behind: (d) => `${d} behind the source`,
    ahead: (d) => `${d} ahead of the source`,
    oldestAllowed: (age) => `newest row is ${age} old`,
    checkFirst:
      "Check the load log first: did the night's load run, and did it finish? A load that stopped or skipped the table leaves the target's newest row old.",
  },
}

/** A freshness result in words: how far the target is behind (or ahead of) the source, or how old its newest row is. */
export function describeFreshness(result: DescribableResult, language: Language): ResultDescription {
  const p = PHRASES[language]
  const d = result.difference
  const lag = d === null ? 0 : -Number(d.absolute)
  if (lag > 0) return { difference: p.behind(formatAge(lag, language)) }
  if (lag < 0) return { difference: p.ahead(formatAge(-lag, language)) }
  const age = Number(result.target?.age_ms ?? 0)
  return { difference: age > 0 ? p.oldestAllowed(formatAge(age, language)) : '' }
}

/** What to check first when freshness fails: whether the night's load ran and finished. */
export function checkFirstFreshness(_result: DescribableResult, language: Language): string {
  return PHRASES[language].checkFirst
}
