import type { Language } from '../i18n/language.js'
import { formatNumber } from '../i18n/amounts.js'
import type { DescribableResult, ResultDescription } from '../results/describable.js'

interface ChecksumWords {
  /** A checksum difference: rows changed, missing and extra in the target (null when the rows were not located). */
  readonly rowsDiffer: (counts: { changed: string; missing: string; extra: string } | null) => string
  /** Which columns the changed rows differ in: `fee` and its count of rows, most first. */
  readonly columnsDiffer: (columns: ReadonlyArray<{ column: string; rows: string }>) => string
  /** Locating stopped at a budget: the counts are lower bounds. */
  readonly locateIncomplete: (by: 'rows' | 'time' | undefined) => string
}

const PHRASES: Readonly<Record<Language, ChecksumWords>> = {
  sv: {
    rowsDiffer: (c) =>
      c === null
        ? 'värdena skiljer'
        : `${c.changed} rader ändrade, ${c.missing} saknas och ${c.extra} för mycket i målet`,
    columnsDiffer: (columns) =>
      `skiljer i ${columns.map((c) => `${c.column} (${c.rows} ${c.rows === '1' ? 'rad' : 'rader'})`).join(', ')}`,
    locateIncomplete: (by) =>
      `ofullständigt: ${by === 'time' ? 'tidsgränsen' : 'radgränsen'} nåddes, minst så många`,
  },
  en: {
    rowsDiffer: (c) =>
      c === null
        ? 'values differ'
        : `${c.changed} rows changed, ${c.missing} missing and ${c.extra} extra in the target`,
    columnsDiffer: (columns) =>
      `differing in ${columns.map((c) => `${c.column} (${c.rows} ${c.rows === '1' ? 'row' : 'rows'})`).join(', ')}`,
    locateIncomplete: (by) =>
      `incomplete: the ${by === 'time' ? 'time' : 'row'} budget ran out, at least this many`,
  },
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
  const p = PHRASES[language]
  const n = (value: unknown) => formatNumber(String(typeof value === 'number' ? value : 0), language)
  const parts = [p.rowsDiffer({ changed: n(c.changed), missing: n(c.missing), extra: n(c.extra) })]
  const columns = columnsOf(c)
  if (columns.length > 0)
    parts.push(p.columnsDiffer(columns.map((x) => ({ column: x.column, rows: n(x.rows) }))))
  if (c.incomplete === true) parts.push(p.locateIncomplete(c.stoppedBy === 'time' ? 'time' : 'rows'))
  return parts.join('; ')
}

/** A checksum result in words: what locating found, after the difference; `rows differ` for a subject. */
export function describeChecksum(result: DescribableResult, language: Language): ResultDescription {
  const note = describeLocated(result.details, language)
  if (result.status !== 'fail') return { note }
  const c = result.details?.checksum
  const n = (value: number | undefined) => formatNumber(String(value ?? 0), language)
  const counts =
    c?.located === true ? { changed: n(c.changed), missing: n(c.missing), extra: n(c.extra) } : null
  return { note, subject: PHRASES[language].rowsDiffer(counts) }
}
