import { formatNumber, formatPercent } from '../../i18n/amounts.js'
import type { Language } from '../../i18n/language.js'
import { pluralOf } from '../../i18n/plural.js'
import type { DescribableResult, ResultDescription } from '../../results/describable.js'

interface RowCountWords {
  /** A count of rows with its word: `1 rad`, `47 rader`; `count` is decimal text. */
  readonly rows: (count: string) => string
  readonly missing: (rows: string) => string
  readonly extra: (rows: string) => string
  readonly missingAndExtra: (missing: string, extra: string) => string
  readonly groupsDiffer: (n: string, of: string) => string
  readonly atLeast: (text: string) => string
  readonly checkUngrouped: string
  readonly checkGroups: (by: string) => string
}

const PHRASES: Readonly<Record<Language, RowCountWords>> = {
  sv: {
    rows: (count) => `${formatNumber(count, 'sv')} ${pluralOf(count, 'sv', 'rad', 'rader')}`,
    missing: (rows) => `${rows} saknas i målet`,
    extra: (rows) => `${rows} för mycket i målet`,
    missingAndExtra: (missing, extra) => `${missing} saknas och ${extra} för mycket i målet`,
    groupsDiffer: (n, of) => `${n} av ${of} grupper skiljer`,
    atLeast: (text) => `minst ${text}`,
    checkUngrouped:
      'Titta först i laddningsloggen: blev nattens laddning av tabellen klar, och läste den alla rader fram till cutoff? Saknas rader kan en partition eller ett delsteg ha hoppats över; för många rader tyder på en dubbelladdning.',
    checkGroups: (by) =>
      `Titta först på grupperna nedan (per ${by}): saknas en hel grupp i målet, leta efter den laddning eller partition som skulle ha fört över just den dagen eller enheten; för många rader i en grupp tyder på en dubbelladdning eller en flyttad rad.`,
  },
  en: {
    rows: (count) => `${formatNumber(count, 'en')} ${pluralOf(count, 'en', 'row', 'rows')}`,
    missing: (rows) => `${rows} missing in the target`,
    extra: (rows) => `${rows} extra in the target`,
    missingAndExtra: (missing, extra) => `${missing} missing and ${extra} extra in the target`,
    groupsDiffer: (n, of) => `${n} of ${of} groups differ`,
    atLeast: (text) => `at least ${text}`,
    checkUngrouped:
      "Check the load log first: did the night's load of this table finish, and did it read every row up to the cutoff? Missing rows point at a skipped partition or step; extra rows at a load that ran twice.",
    checkGroups: (by) =>
      `Check the groups below first (by ${by}): where a whole group is missing in the target, look for the load or partition that should have carried that day or unit; extra rows in a group point at a load that ran twice or a row moved between groups.`,
  },
}

/** Rows missing and extra in the target as decimal text, and whether they are lower bounds (older results). */
export function rowCountShortfalls(
  result: DescribableResult,
): { missing: string; extra: string; lowerBound: boolean } | null {
  const d = result.details
  if (d?.rowsMissing !== undefined && d.rowsExtra !== undefined)
    return { missing: d.rowsMissing, extra: d.rowsExtra, lowerBound: false }
  const groups = d?.groups
  if (groups !== undefined && groups.length > 0) {
    // Results stored before the sums were recorded: add up the groups reported, a lower bound when some were left out.
    let missing = 0n
    let extra = 0n
    for (const g of groups) {
      const diff = BigInt(g.target) - BigInt(g.source)
      if (diff < 0n) missing -= diff
      else extra += diff
    }
    return {
      missing: String(missing),
      extra: String(extra),
      lowerBound: (d?.groupsDiffering ?? groups.length) > groups.length,
    }
  }
  const absolute = result.difference?.absolute
  if (absolute === undefined || !/^-?\d+$/.test(absolute)) return null
  const negative = absolute.startsWith('-')
  return { missing: negative ? absolute.slice(1) : '0', extra: negative ? '0' : absolute, lowerBound: false }
}

/**
 * A row count result in words, for a subject: rows missing and extra in the target (per group summed, so a
 * shortfall in one group is never hidden by an excess in another), and how many groups differ.
 */
export function describeRowCount(result: DescribableResult, language: Language): ResultDescription {
  const p = PHRASES[language]
  if (result.status !== 'fail') return {}
  const found = rowCountShortfalls(result)
  if (found === null) return {}
  const { missing, extra } = found
  let phrase =
    missing !== '0' && extra !== '0'
      ? p.missingAndExtra(p.rows(missing), formatNumber(extra, language))
      : missing !== '0'
        ? p.missing(p.rows(missing))
        : extra !== '0'
          ? p.extra(p.rows(extra))
          : ''
  if (phrase !== '' && found.lowerBound) phrase = p.atLeast(phrase)
  const counts = { missing, extra, lowerBound: found.lowerBound }
  const d = result.difference
  const grouped = result.details?.groupsDiffering !== undefined
  if (grouped) {
    const groups = p.groupsDiffer(
      formatNumber(String(result.details?.groupsDiffering ?? 0), language),
      formatNumber(result.source?.groups ?? '?', language),
    )
    return { subject: phrase === '' ? groups : `${phrase} (${groups})`, counts }
  }
  if (phrase === '' || d === null) return { counts }
  const percent = d.percent === null ? '' : ` (${formatPercent(d.percent, missing !== '0', language)})`
  return { subject: `${phrase}${percent}`, counts }
}

/** What to check first when a row count fails: the load log, or the groups' loads and partitions. */
export function checkFirstRowCount(result: DescribableResult, language: Language): string {
  const groups = result.details?.groups ?? []
  const by = Object.keys(groups[0]?.group ?? {})
  return by.length === 0 ? PHRASES[language].checkUngrouped : PHRASES[language].checkGroups(by.join(', '))
}
