import { formatNumber, formatPercent } from '../../i18n/amounts.js'
import { catalog, type Language } from '../../i18n/language.js'
import { pluralOf } from '../../i18n/plural.js'
import type { DescribableResult, ResultDescription } from '../../results/describable.js'

/** A count of rows with its word: `1 rad`, `47 rader`; `count` is decimal text. */
function rows(count: string, language: Language): string {
  return `${formatNumber(count, language)} ${pluralOf(count, language, ...catalog(language).kinds.rowCount.rows)}`
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
  const p = catalog(language).kinds.rowCount
  if (result.status !== 'fail') return {}
  const found = rowCountShortfalls(result)
  if (found === null) return {}
  const { missing, extra } = found
  let phrase =
    missing !== '0' && extra !== '0'
      ? p.missingAndExtra(rows(missing, language), formatNumber(extra, language))
      : missing !== '0'
        ? p.missing(rows(missing, language))
        : extra !== '0'
          ? p.extra(rows(extra, language))
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
  const p = catalog(language).kinds.rowCount
  return by.length === 0 ? p.checkUngrouped : p.checkGroups(by.join(', '))
}
