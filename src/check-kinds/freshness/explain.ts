import type { FreshnessAssertion } from '../../definitions/types.js'
import { formatDurationWords } from '../../i18n/format.js'
import type { Inline } from '../../i18n/inline.js'
import type { Language } from '../../i18n/language.js'
import { code } from '../../i18n/phrase-helpers.js'
import type { Explanation } from '../../plan/check-kind.js'

interface FreshnessPhrases {
  /** `fromCutoff`: the age is measured at the load's cutoff rather than when the check runs. */
  readonly freshness: (
    column: string,
    maxAge: string | undefined,
    maxLag: string | undefined,
    fromCutoff: boolean,
  ) => Inline[]
  readonly short: (column: string, maxAge: string | undefined, maxLag: string | undefined) => string
}

const PHRASES: Readonly<Record<Language, FreshnessPhrases>> = {
  sv: {
    freshness: (column, maxAge, maxLag, fromCutoff) => [
      { strong: `Aktualitet för ${column}` },
      ': det senaste värdet av ',
      code(column),
      ' i rapportkopian får vara ',
      [
        maxAge === undefined
          ? undefined
          : `högst ${maxAge} gammalt ${fromCutoff ? 'vid laddningens brytpunkt (så att en sen eller upprepad körning bedömer själva laddningen)' : 'när kontrollen körs'}`,
        maxLag === undefined ? undefined : `högst ${maxLag} efter det senaste värdet i källan`,
      ]
        .filter((x) => x !== undefined)
        .join(' och '),
      '.',
    ],
    short: (column, maxAge, maxLag) =>
      `aktualitet ${column}: ${[
        maxAge === undefined ? undefined : `≤ ${maxAge} gammal`,
        maxLag === undefined ? undefined : `≤ ${maxLag} efter källan`,
      ]
        .filter((x) => x !== undefined)
        .join(', ')}`,
  },
  en: {
    freshness: (column, maxAge, maxLag, fromCutoff) => [
      { strong: `Freshness of ${column}` },
      ': the newest ',
      code(column),
      ' in the reporting copy may be ',
      [
        maxAge === undefined
          ? undefined
          : `at most ${maxAge} old ${fromCutoff ? "at the load's cutoff (so a late or repeated run judges the load itself)" : 'when the check runs'}`,
        maxLag === undefined ? undefined : `at most ${maxLag} behind the newest in the source`,
      ]
        .filter((x) => x !== undefined)
        .join(' and '),
      '.',
    ],
    short: (column, maxAge, maxLag) =>
      `freshness ${column}: ${[
        maxAge === undefined ? undefined : `≤ ${maxAge} old`,
        maxLag === undefined ? undefined : `≤ ${maxLag} behind`,
      ]
        .filter((x) => x !== undefined)
        .join(', ')}`,
  },
}

/** A `freshness` assertion in words: the newest value's age and/or lag behind the source. */
export function explainFreshness(a: FreshnessAssertion, language: Language): Explanation {
  const p = PHRASES[language]
  const maxAge = a.maxAgeMs === undefined ? undefined : formatDurationWords(a.maxAgeMs, language)
  const maxLag = a.maxLagMs === undefined ? undefined : formatDurationWords(a.maxLagMs, language)
  return {
    text: p.freshness(a.column.name, maxAge, maxLag, a.maxAgeFrom === 'cutoff'),
    threshold: p.short(a.column.name, maxAge, maxLag),
  }
}
