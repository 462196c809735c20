import { catalog, type Language } from '../../i18n/language.js'
import type { DescribableResult } from '../../results/describable.js'

/** What to check first when an aggregate fails: the load's lookups for NULL counts, else its transformation. */
export function checkFirstAggregate(result: DescribableResult, language: Language): string {
  const words = catalog(language).kinds.aggregate.checkFirst
  return result.assertion.startsWith('null_count(') || result.assertion.endsWith('.null_count')
    ? words.nulls
    : words.values
}
