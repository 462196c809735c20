import type { AggregateAssertion } from '../../definitions/types.js'
import { catalog, type Language } from '../../i18n/language.js'
import type { Explanation } from '../../plan/check-kind.js'
import { toleranceSentence, toleranceShort } from '../tolerance/tolerance-explain.js'

/** An `aggregate` assertion in words: each function of the column and the tolerance. */
export function explainAggregate(a: AggregateAssertion, language: Language): Explanation {
  const p = catalog(language).kinds.aggregate
  return {
    text: p.sentence(
      a.functions.map((f) => p.functions[f]),
      a.column.name,
      toleranceSentence(language, a.tolerance, 'value'),
    ),
    threshold: `${a.functions.join(', ')} (${a.column.name}): ${toleranceShort(language, a.tolerance)}`,
  }
}
