import type { RowCountAssertion } from '../../definitions/types.js'
import { catalog, type Language } from '../../i18n/language.js'
import type { Explanation } from '../../plan/check-kind.js'
import { toleranceSentence, toleranceShort } from '../tolerance/tolerance-explain.js'

/** A `row_count` assertion in words: the rows (per group) and the tolerance. */
export function explainRowCount(a: RowCountAssertion, language: Language): Explanation {
  const p = catalog(language).kinds.rowCount
  const tolerance = toleranceSentence(language, a.tolerance, 'rows')
  const columns = a.groupBy.map((c) => c.name)
  return {
    text:
      columns.length === 0
        ? p.rowCount(tolerance)
        : p.rowCountGrouped(columns, tolerance, a.maxGroupsReported),
    threshold: `${columns.length === 0 ? p.rowsShort : p.rowsByShort(columns.join(', '))}: ${toleranceShort(language, a.tolerance)}`,
  }
}
