import type { Language } from '../../i18n/language.js'
import type { DescribableResult } from '../../results/describable.js'

const CHECK_FIRST: Readonly<Record<Language, { readonly nulls: string; readonly values: string }>> = {
  sv: {
    nulls:
      'Titta först på om kolumnen fylls i av laddningen: fler tomma värden i målet tyder på en uppslagning eller koppling i laddningen som inte hittar sin motsvarighet.',
    values:
      'Titta först på om radantalet också skiljer (då saknas rader, inte värden); annars på hur kolumnen omvandlas i laddningen: avrundning, enhet, valuta eller ett ändrat villkor.',
  },
  en: {
    nulls:
      'Check first whether the load fills the column: more empty values in the target point at a lookup or join in the load that finds no match.',
    values:
      'Check first whether the row count differs too (then rows are missing, not values); otherwise how the load transforms the column: rounding, unit, currency or a changed condition.',
  },
}

/** What to check first when an aggregate fails: the load's lookups for NULL counts, else its transformation. */
export function checkFirstAggregate(result: DescribableResult, language: Language): string {
  const words = CHECK_FIRST[language]
  return result.assertion.startsWith('null_count(') || result.assertion.endsWith('.null_count')
    ? words.nulls
    : words.values
}
