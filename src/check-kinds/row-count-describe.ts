import { formatNumber, formatPercent } from '../i18n/amounts.js'
import type { Language } from '../i18n/language.js'
import type { DescribableResult, ResultDescription } from '../results/describable.js'

interface RowCountWords {
  readonly rowsMissing: (n: string) => string
  readonly rowsExtra: (n: string) => string
  readonly groupsDiffer: (n: string, of: string) => string
}

const PHRASES: Readonly<Record<Language, RowCountWords>> = {
  sv: {
    rowsMissing: (n) => `${n} rader saknas i målet`,
    rowsExtra: (n) => `${n} rader för mycket i målet`,
    groupsDiffer: (n, of) => `${n} av ${of} grupper skiljer`,
  },
  en: {
    rowsMissing: (n) => `${n} rows missing in the target`,
    rowsExtra: (n) => `${n} extra rows in the target`,
    groupsDiffer: (n, of) => `${n} of ${of} groups differ`,
  },
}

/** A row count result in words: rows missing or extra in the target, or how many groups differ, for a subject. */
export function describeRowCount(result: DescribableResult, language: Language): ResultDescription {
  const p = PHRASES[language]
  const d = result.difference
  if (d !== null && d.absolute !== '0') {
    const negative = d.absolute.startsWith('-')
    const n = formatNumber(negative ? d.absolute.slice(1) : d.absolute, language)
    const phrase = negative ? p.rowsMissing(n) : p.rowsExtra(n)
    const percent = d.percent === null ? '' : ` (${formatPercent(d.percent, negative, language)})`
    return { subject: `${phrase}${percent}` }
  }
  if (result.details?.groupsDiffering !== undefined) {
    const groups = result.source?.groups ?? '?'
    return {
      subject: p.groupsDiffer(
        formatNumber(String(result.details.groupsDiffering), language),
        formatNumber(groups, language),
      ),
    }
  }
  return {}
}
