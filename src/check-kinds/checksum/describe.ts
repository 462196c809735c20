import type { PluralForms } from '../../i18n/catalog/kinds.js'
import { catalog, type Language } from '../../i18n/language.js'
import { formatNumber } from '../../i18n/amounts.js'
import { pluralOf } from '../../i18n/plural.js'
import type { DescribableResult, ResultDescription } from '../../results/describable.js'

/** A count (decimal text, formatted or not) with its word from the plural forms: `2 rader ändrade`. */
function counted(count: string, language: Language, forms: PluralForms): string {
  return `${count} ${pluralOf(count, language, ...forms)}`
}

/** The columns a checksum's changed rows differ in, most first: names and counts only (stored details are unknown). */
function columnsOf(checksum: unknown): Array<{ column: string; rows: number }> {
  const list = (checksum as { columnsDiffering?: unknown } | undefined)?.columnsDiffering
  if (!Array.isArray(list)) return []
  return list
    .filter(
      (c): c is { column: string; rows: number } =>
        typeof (c as { column?: unknown }).column === 'string' &&
        typeof (c as { rows?: unknown }).rows === 'number',
    )
    .sort((a, b) => b.rows - a.rows)
}

/**
 * What locating a checksum's rows found, for people: `2 rows changed, 1 missing and 0 extra in the target;
 * differing in fee (2 rows), note (1 row)`, with a note when a budget stopped it; empty when nothing was located.
 * Takes a result's details as recorded or as stored.
 */
function describeLocated(details: unknown, language: Language): string {
  const c = (details as { checksum?: Record<string, unknown> } | null | undefined)?.checksum
  if (c?.located !== true) return ''
  const p = catalog(language).kinds.checksum
  const n = (value: unknown) => formatNumber(String(typeof value === 'number' ? value : 0), language)
  const parts = [
    p.rowsDiffer({
      changed: counted(n(c.changed), language, p.rowsChanged),
      missing: n(c.missing),
      extra: n(c.extra),
    }),
  ]
  const columns = columnsOf(c)
  if (columns.length > 0)
    parts.push(
      p.columnsDiffer(columns.map((x) => ({ column: x.column, rows: counted(n(x.rows), language, p.rows) }))),
    )
  if (c.incomplete === true) parts.push(p.locateIncomplete(c.stoppedBy === 'time' ? 'time' : 'rows'))
  return parts.join('; ')
}

/**
 * A checksum result in words: what locating found as its difference (both sides may have 40 rows and still
 * differ, so the row counts' difference says nothing), `values differ` when nothing was located; a subject.
 */
export function describeChecksum(result: DescribableResult, language: Language): ResultDescription {
  if (result.status !== 'fail') return { difference: describeLocated(result.details, language) }
  const c = result.details?.checksum
  const n = (value: number | undefined) => String(value ?? 0)
  const counts =
    c?.located === true ? { changed: n(c.changed), missing: n(c.missing), extra: n(c.extra) } : null
  const p = catalog(language).kinds.checksum
  const located = describeLocated(result.details, language)
  return {
    counts:
      c?.located === true
        ? {
            changed: n(c.changed),
            missing: n(c.missing),
            extra: n(c.extra),
            duplicate: n(c.duplicateKeys),
            lowerBound: c.incomplete === true,
          }
        : undefined,
    difference: located === '' ? p.notLocated : located,
    subject: p.rowsDiffer(
      counts === null
        ? null
        : {
            changed: counted(formatNumber(counts.changed, language), language, p.rowsChanged),
            missing: formatNumber(counts.missing, language),
            extra: formatNumber(counts.extra, language),
          },
    ),
  }
}

/** What to check first when a checksum fails: the load of the missing rows, the columns' transformation, or locating. */
export function checkFirstChecksum(result: DescribableResult, language: Language): string {
  const p = catalog(language).kinds.checksum
  const c = result.details?.checksum
  if (c?.located !== true) return p.checkUnlocated
  const columns = columnsOf(c)
    .slice(0, 3)
    .map((x) => x.column)
  const lost = (c.missing ?? 0) + (c.extra ?? 0)
  if (columns.length > 0 && (c.changed ?? 0) >= lost) return p.checkChanged(columns.join(', '))
  if (lost > 0) return p.checkMissing
  return columns.length > 0 ? p.checkChanged(columns.join(', ')) : p.checkUnlocated
}
