import type { Language } from '../../i18n/language.js'
import { formatNumber } from '../../i18n/amounts.js'
import { pluralOf } from '../../i18n/plural.js'
import type { DescribableResult, ResultDescription } from '../../results/describable.js'

interface ChecksumWords {
  /** A checksum difference: rows changed, missing and extra in the target (null when the rows were not located). */
  readonly rowsDiffer: (counts: { changed: string; missing: string; extra: string } | null) => string
  /** Which columns the changed rows differ in: `fee` and its count of rows, most first. */
  readonly columnsDiffer: (columns: ReadonlyArray<{ column: string; rows: string }>) => string
  /** Locating stopped at a budget: the counts are lower bounds. */
  readonly locateIncomplete: (by: 'rows' | 'time' | undefined) => string
  /** Values differ and the rows were not located (locating off, no key, or it failed). */
  readonly notLocated: string
  /** What to check first: the located categories decide where to look. */
  readonly checkMissing: string
  readonly checkChanged: (columns: string) => string
  readonly checkUnlocated: string
}

const PHRASES: Readonly<Record<Language, ChecksumWords>> = {
  sv: {
    rowsDiffer: (c) =>
      c === null
        ? 'värdena skiljer'
        : `${c.changed} ${pluralOf(c.changed, 'sv', 'rad ändrad', 'rader ändrade')}, ${c.missing} saknas och ${c.extra} för mycket i målet`,
    columnsDiffer: (columns) =>
      `skiljer i ${columns.map((c) => `${c.column} (${c.rows} ${pluralOf(c.rows, 'sv', 'rad', 'rader')})`).join(', ')}`,
    locateIncomplete: (by) =>
      `ofullständigt: ${by === 'time' ? 'tidsgränsen' : 'radgränsen'} nåddes, minst så många`,
    notLocated: 'värdena skiljer; raderna har inte letats upp',
    checkMissing:
      'Titta först i laddningsloggen efter den körning eller partition som skulle ha fört över de saknade raderna; slå upp nycklarna nedan med samma maskering (reconcile locate) för att se vilka.',
    checkChanged: (columns) =>
      `Titta först på hur ${columns} förs över: en ändrad omvandling, avrundning, teckenkodning eller tidszon i laddningen ger samma antal rader men andra värden.`,
    checkUnlocated:
      'Raderna har inte letats upp: kör reconcile locate för kontrollen för att få antal och maskerade nycklar, eller slå på locate i definitionen.',
  },
  en: {
    rowsDiffer: (c) =>
      c === null
        ? 'values differ'
        : `${c.changed} ${pluralOf(c.changed, 'en', 'row', 'rows')} changed, ${c.missing} missing and ${c.extra} extra in the target`,
    columnsDiffer: (columns) =>
      `differing in ${columns.map((c) => `${c.column} (${c.rows} ${pluralOf(c.rows, 'en', 'row', 'rows')})`).join(', ')}`,
    locateIncomplete: (by) =>
      `incomplete: the ${by === 'time' ? 'time' : 'row'} budget ran out, at least this many`,
    notLocated: 'values differ; the rows were not located',
    checkMissing:
      'Check the load log first for the run or partition that should have carried the missing rows; look the keys below up with the same masking (reconcile locate) to see which.',
    checkChanged: (columns) =>
      `Check first how ${columns} is carried over: a changed transformation, rounding, character encoding or time zone in the load gives the same number of rows but other values.`,
    checkUnlocated:
      'The rows were not located: run reconcile locate for the check to get counts and masked keys, or turn locate on in the definition.',
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
  const p = PHRASES[language]
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
            changed: formatNumber(counts.changed, language),
            missing: formatNumber(counts.missing, language),
            extra: formatNumber(counts.extra, language),
          },
    ),
  }
}

/** What to check first when a checksum fails: the load of the missing rows, the columns' transformation, or locating. */
export function checkFirstChecksum(result: DescribableResult, language: Language): string {
  const p = PHRASES[language]
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
