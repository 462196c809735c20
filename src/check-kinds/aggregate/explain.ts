import type { AggregateAssertion, AggregateFunction } from '../../definitions/types.js'
import type { Inline } from '../../i18n/inline.js'
import type { Language } from '../../i18n/language.js'
import { code, joinList } from '../../i18n/phrase-helpers.js'
import type { Explanation } from '../../plan/check-kind.js'
import { toleranceSentence, toleranceShort } from '../tolerance/tolerance-explain.js'

interface AggregatePhrases {
  readonly aggregate: Readonly<Record<AggregateFunction, string>>
  readonly aggregateSentence: (functions: readonly string[], column: string, tolerance: string) => Inline[]
}

const PHRASES: Readonly<Record<Language, AggregatePhrases>> = {
  sv: {
    aggregate: {
      sum: 'summan',
      min: 'det minsta värdet',
      max: 'det största värdet',
      null_count: 'antalet rader utan värde',
      distinct_count: 'antalet olika värden',
    },
    aggregateSentence: (functions, column, tolerance) => [
      { strong: `Sammanställning av ${column}` },
      `: ${joinList(functions, 'och')} av `,
      code(column),
      ` ${tolerance}. Varje mått är ett eget resultat.`,
    ],
  },
  en: {
    aggregate: {
      sum: 'the sum',
      min: 'the smallest value',
      max: 'the largest value',
      null_count: 'the number of rows without a value',
      distinct_count: 'the number of distinct values',
    },
    aggregateSentence: (functions, column, tolerance) => [
      { strong: `Aggregates of ${column}` },
      `: ${joinList(functions, 'and')} of `,
      code(column),
      ` ${tolerance}. Each measure is a result of its own.`,
    ],
  },
}

/** An `aggregate` assertion in words: each function of the column and the tolerance. */
export function explainAggregate(a: AggregateAssertion, language: Language): Explanation {
  const p = PHRASES[language]
  return {
    text: p.aggregateSentence(
      a.functions.map((f) => p.aggregate[f]),
      a.column.name,
      toleranceSentence(language, a.tolerance, 'value'),
    ),
    threshold: `${a.functions.join(', ')} (${a.column.name}): ${toleranceShort(language, a.tolerance)}`,
  }
}
