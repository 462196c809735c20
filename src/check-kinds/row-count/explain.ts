import type { RowCountAssertion } from '../../definitions/types.js'
import type { Inline } from '../../i18n/inline.js'
import type { Language } from '../../i18n/language.js'
import { joinList } from '../../i18n/phrase-helpers.js'
import type { Explanation } from '../../plan/check-kind.js'
import { toleranceSentence, toleranceShort } from '../tolerance/tolerance-explain.js'

interface RowCountPhrases {
  readonly rowCount: (tolerance: string) => Inline[]
  readonly rowCountGrouped: (columns: readonly string[], tolerance: string, reported: number) => Inline[]
  readonly rows: string
  readonly rowsBy: (columns: string) => string
}

const PHRASES: Readonly<Record<Language, RowCountPhrases>> = {
  sv: {
    rowCount: (tolerance) => [{ strong: 'Antal rader' }, `: antalet rader ${tolerance}.`],
    rowCountGrouped: (columns, tolerance, reported) => [
      { strong: `Antal rader per ${joinList(columns, 'och')}` },
      `: för varje kombination av ${joinList(columns, 'och')} ${tolerance.replace(/^måste/, 'måste antalet rader').replace(/^får/, 'får antalet rader')}. Ett resultat visar högst ${reported} avvikande grupper med sina antal, aldrig enskilda rader.`,
    ],
    rows: 'rader',
    rowsBy: (columns) => `rader per ${columns}`,
  },
  en: {
    rowCount: (tolerance) => [{ strong: 'Row count' }, `: the number of rows ${tolerance}.`],
    rowCountGrouped: (columns, tolerance, reported) => [
      { strong: `Row count per ${joinList(columns, 'and')}` },
      `: for every combination of ${joinList(columns, 'and')}, the number of rows ${tolerance}. A result lists at most ${reported} differing groups with their counts, never individual rows.`,
    ],
    rows: 'rows',
    rowsBy: (columns) => `rows per ${columns}`,
  },
}

/** A `row_count` assertion in words: the rows (per group) and the tolerance. */
export function explainRowCount(a: RowCountAssertion, language: Language): Explanation {
  const p = PHRASES[language]
  const tolerance = toleranceSentence(language, a.tolerance, 'rows')
  const columns = a.groupBy.map((c) => c.name)
  return {
    text:
      columns.length === 0
        ? p.rowCount(tolerance)
        : p.rowCountGrouped(columns, tolerance, a.maxGroupsReported),
    threshold: `${columns.length === 0 ? p.rows : p.rowsBy(columns.join(', '))}: ${toleranceShort(language, a.tolerance)}`,
  }
}
