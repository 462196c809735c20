import type { AggregateAssertion } from '../../definitions/types.js'
import { catalog, type Language } from '../../i18n/language.js'
import type { Explanation } from '../../plan/check-kind.js'
import { extremesOf } from './extremes.js'
import { toleranceSentence, toleranceShort } from '../tolerance/tolerance-explain.js'

/**
 * An `aggregate` assertion in words: each function of the column and the tolerance, and, with min or max, when
 * their values are shown (always when the definition declares the column's values identify no one).
 */
export function explainAggregate(a: AggregateAssertion, language: Language): Explanation {
  const p = catalog(language).kinds.aggregate
  return {
    text: [
      ...p.sentence(
        a.functions.map((f) => p.functions[f]),
        a.column.name,
        toleranceSentence(language, a.tolerance, 'value'),
      ),
      ...(extremesOf(a.functions).length === 0
        ? []
        : p.extremesShown(a.column.name, a.valuesSensitive === false)),
    ],
    threshold: `${a.functions.join(', ')} (${a.column.name}): ${toleranceShort(language, a.tolerance)}`,
  }
}
