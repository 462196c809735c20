import type { Locale } from '../config/types.js'
import type { ResultStatus } from '../results/types.js'
import { LOAD_ASSERTION } from './check-info.js'
import { formatAge, formatNumber, formatPercent, phrases } from './locale.js'

/** The parts of a result a message describes; both recorded results and stored ones have them. */
export interface DescribableResult {
  readonly assertion: string
  readonly kind: string
  readonly status: ResultStatus
  readonly source: Readonly<Record<string, string | null>> | null
  readonly target: Readonly<Record<string, string | null>> | null
  readonly difference: { readonly absolute: string; readonly percent: number | null } | null
  readonly details?: {
    readonly groupsDiffering?: number
    readonly checksum?: {
      readonly located?: boolean
      readonly changed?: number
      readonly missing?: number
      readonly extra?: number
      readonly columnsDiffering?: ReadonlyArray<{ readonly column: string; readonly rows: number }>
      readonly incomplete?: boolean
      readonly stoppedBy?: 'rows' | 'time'
    }
  } | null
  readonly error?: { readonly code: string; readonly message: string } | null
  /** The result's own one-line message (English), used when no difference can be described. */
  readonly message?: string
}

/** The observed value a result is about: its first value other than bookkeeping (`age_ms`, `groups`). */
export function mainValue(observed: Readonly<Record<string, string | null>> | null): string | null {
  if (observed === null) return null
  const entry = Object.entries(observed).find(([k]) => k !== 'age_ms' && k !== 'groups')
  return entry?.[1] ?? null
}

/** `250 000 → 249 911` (values formatted for the locale; `–` when a side has none). */
export function describeValues(result: DescribableResult, locale: Locale): string {
  const show = (v: string | null) => (v === null ? '–' : formatNumber(v, locale))
  return `${show(mainValue(result.source))} → ${show(mainValue(result.target))}`
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
export function describeLocated(details: unknown, locale: Locale): string {
  const c = (details as { checksum?: Record<string, unknown> } | null | undefined)?.checksum
  if (c?.located !== true) return ''
  const p = phrases(locale)
  const n = (value: unknown) => formatNumber(String(typeof value === 'number' ? value : 0), locale)
  const parts = [p.rowsDiffer({ changed: n(c.changed), missing: n(c.missing), extra: n(c.extra) })]
  const columns = columnsOf(c)
  if (columns.length > 0)
    parts.push(p.columnsDiffer(columns.map((x) => ({ column: x.column, rows: n(x.rows) }))))
  if (c.incomplete === true) parts.push(p.locateIncomplete(c.stoppedBy === 'time' ? 'time' : 'rows'))
  return parts.join('; ')
}

/** How much the sides differ, for people: `−89 (−0,0356 %)`, `3 d 0 h efter källan`; empty when equal. */
export function describeDifference(result: DescribableResult, locale: Locale): string {
  const p = phrases(locale)
  const d = result.difference
  if (result.assertion === LOAD_ASSERTION) {
    const age = result.target?.age_ms
    if (result.status !== 'fail') return ''
    return p.loadLate(age === undefined || age === null ? null : formatAge(Number(age), locale))
  }
  if (result.kind === 'freshness') {
    const lag = d === null ? 0 : -Number(d.absolute)
    if (lag > 0) return p.behind(formatAge(lag, locale))
    if (lag < 0) return p.ahead(formatAge(-lag, locale))
    const age = Number(result.target?.age_ms ?? 0)
    return age > 0 ? p.oldestAllowed(formatAge(age, locale)) : ''
  }
  const located = result.kind === 'checksum' ? describeLocated(result.details, locale) : ''
  if (d === null || d.absolute === '0') return located
  const negative = d.absolute.startsWith('-')
  const size = formatNumber(d.absolute, locale, { signed: true })
  const counted = d.percent === null ? size : `${size} (${formatPercent(d.percent, negative, locale)})`
  return located === '' ? counted : `${counted}; ${located}`
}

/**
 * A short phrase for a subject line: what differs and by how much, e.g. `row_count: 89 rader saknas i målet
 * (−0,0356 %)`, `sum(fee) −474,25 (−0,0011 %)`, `freshness(changed_at): 3 d 0 h efter källan`.
 */
export function describeForSubject(result: DescribableResult, locale: Locale): string {
  const p = phrases(locale)
  if (result.status === 'error') return `${result.assertion} ${p.couldNotRun(result.error?.code ?? 'ERROR')}`
  if (result.assertion === LOAD_ASSERTION && result.status === 'fail')
    return describeDifference(result, locale)
  const d = result.difference
  if (result.kind === 'row_count' && d !== null && d.absolute !== '0') {
    const negative = d.absolute.startsWith('-')
    const n = formatNumber(negative ? d.absolute.slice(1) : d.absolute, locale)
    const phrase = negative ? p.rowsMissing(n) : p.rowsExtra(n)
    const percent = d.percent === null ? '' : ` (${formatPercent(d.percent, negative, locale)})`
    return `${result.assertion}: ${phrase}${percent}`
  }
  if (result.kind === 'row_count' && result.details?.groupsDiffering !== undefined) {
    const groups = result.source?.groups ?? '?'
    return `${result.assertion}: ${p.groupsDiffer(formatNumber(String(result.details.groupsDiffering), locale), formatNumber(groups, locale))}`
  }
  if (result.kind === 'checksum' && result.status === 'fail') {
    const c = result.details?.checksum
    const n = (value: number | undefined) => formatNumber(String(value ?? 0), locale)
    const counts =
      c?.located === true ? { changed: n(c.changed), missing: n(c.missing), extra: n(c.extra) } : null
    return `${result.assertion}: ${p.rowsDiffer(counts)}`
  }
  const difference = describeDifference(result, locale)
  if (difference !== '') return `${result.assertion} ${difference}`
  const message = result.message ?? ''
  return message === ''
    ? result.assertion
    : `${result.assertion}: ${message.length > 90 ? `${message.slice(0, 89)}…` : message}`
}

/** The worst status of some results: error outranks fail outranks pass. */
export function worstStatus(results: readonly { status: ResultStatus }[]): ResultStatus {
  if (results.some((r) => r.status === 'error')) return 'error'
  if (results.some((r) => r.status === 'fail')) return 'fail'
  return 'pass'
}
