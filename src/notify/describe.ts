import { kindNamed } from '../check-kinds/index.js'
import type { Locale } from '../config/types.js'
import { catalog, DEFAULT_LANGUAGE, type Language } from '../i18n/language.js'
import { isMessageCode, resultText } from '../i18n/result-messages.js'
import type { DescribableResult, ResultDescription, RowCounts } from '../results/describable.js'
import type { CheckResult, ResultStatus } from '../results/types.js'
import { LOAD_ASSERTION } from './check-info.js'
import { formatAge, formatNumber, formatPercent, formatTimestamp } from './locale.js'

export type { DescribableResult }

/** A result with its message code and parameters, as recorded and stored results carry them. */
export type CodedResult = DescribableResult & Partial<Pick<CheckResult, 'messageCode' | 'messageParams'>>

/** The language results write their own `message` in (results stored before message codes have only that). */
const MESSAGE_LANGUAGE: Language = 'en'

/**
 * The result's own one-line text in the reader's language: its message code rendered (`resultText`). A result
 * stored before codes existed has only its English message: a reader of English gets it, others nothing ('').
 */
export function ownText(result: CodedResult, locale: Locale): string {
  const message = result.message ?? ''
  if (!isMessageCode(result.messageCode) && locale !== MESSAGE_LANGUAGE) return ''
  return resultText({ ...result, message }, locale)
}

/** The observed value a result is about: its first value other than bookkeeping (`age_ms`, `groups`). */
export function mainValue(observed: Readonly<Record<string, string | null>> | null): string | null {
  if (observed === null) return null
  const entry = Object.entries(observed).find(([k]) => k !== 'age_ms' && k !== 'groups')
  return entry?.[1] ?? null
}

/**
 * `250 000 → 249 911` (values formatted for the locale; timestamps, such as a freshness check's newest rows, as
 * local time in `timezone`; `–` when a side has none).
 */
export function describeValues(result: DescribableResult, locale: Locale, timezone: string): string {
  const show = (v: string | null) => (v === null ? '–' : formatTimestamp(formatNumber(v, locale), timezone))
  return `${show(mainValue(result.source))} → ${show(mainValue(result.target))}`
}

/** What the result's kind says about it; nothing for a kind this version does not know. */
function wordsOf(result: DescribableResult, locale: Locale): ResultDescription {
  return kindNamed(result.kind)?.describe(result, locale) ?? {}
}

/** How much the sides differ, for people: `−89 (−0,0356 %)`, `3 d 0 h efter källan`; empty when equal. */
export function describeDifference(result: DescribableResult, locale: Locale): string {
  const p = catalog(locale).notify
  const d = result.difference
  if (result.assertion === LOAD_ASSERTION) {
    const age = result.target?.age_ms
    if (result.status !== 'fail') return ''
    return p.loadLate(age === undefined || age === null ? null : formatAge(Number(age), locale))
  }
  const words = wordsOf(result, locale)
  if (words.difference !== undefined) return words.difference
  const located = words.note ?? ''
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
export function describeForSubject(result: CodedResult, locale: Locale): string {
  const p = catalog(locale).notify
  if (result.status === 'error') return `${result.assertion} ${p.couldNotRun(result.error?.code ?? 'ERROR')}`
  if (result.assertion === LOAD_ASSERTION && result.status === 'fail')
    return describeDifference(result, locale)
  const subject = wordsOf(result, locale).subject
  if (subject !== undefined) return `${result.assertion}: ${subject}`
  const difference = describeDifference(result, locale)
  if (difference !== '') return `${result.assertion} ${difference}`
  const message = ownText(result, locale)
  if (message === '')
    return result.status === 'fail' ? `${result.assertion}: ${p.valuesDiffer}` : result.assertion
  return `${result.assertion}: ${message.length > 90 ? `${message.slice(0, 89)}…` : message}`
}

/** How many differing groups an alert shows; the ticket and the dashboard show all that were recorded. */
export const ALERT_GROUPS = 5

/** How many masked sample keys an alert shows; the ticket shows all that were recorded. */
export const ALERT_KEYS = 6

/**
 * What a failing result found, for the alert, the webhook and the ticket: a summary, the rows by category, the
 * columns that differ, the largest differing groups, masked sample keys and what to check first. Group values are
 * canonical aggregate text (a day, a unit); keys appear only when masked; never a row value.
 */
export interface Findings {
  readonly assertion: string
  readonly kind: string
  readonly status: ResultStatus
  /** What differs and by how much, in words. */
  readonly summary: string
  readonly counts: RowCounts | null
  /** Columns the changed rows differ in, most rows first. */
  readonly columns: ReadonlyArray<{ readonly column: string; readonly rows: number }>
  /** The largest differing groups (at most `limits.groups`). */
  readonly groups: ReadonlyArray<{
    readonly group: Readonly<Record<string, string | null>>
    readonly source: string
    readonly target: string
  }>
  /** Differing groups not in `groups`. */
  readonly moreGroups: number
  /** Masked keys of located rows, by category (at most `limits.keys`); empty when keys are not masked. */
  readonly sampleKeys: ReadonlyArray<{ readonly category: string; readonly key: string }>
  /** What to look at first, from the result's kind. */
  readonly checkFirst: string
}

/**
 * The findings of each result that did not pass, in the results' order; an error has a summary and what to check
 * first only, and the same error of several assertions is one finding.
 */
export function findingsOf(
  results: readonly DescribableResult[],
  locale: Locale,
  limits: { readonly groups: number; readonly keys: number } = { groups: ALERT_GROUPS, keys: ALERT_KEYS },
): Findings[] {
  const p = catalog(locale).notify
  // A check that could not run gives every assertion the same error: it is one finding.
  const errors = new Set<string>()
  return results
    .filter((r) => {
      if (r.status === 'pass') return false
      if (r.status === 'fail') return true
      const key = `${r.error?.code ?? ''}\u0000${r.error?.message ?? ''}`
      if (errors.has(key)) return false
      errors.add(key)
      return true
    })
    .map((r) => {
      const kind = kindNamed(r.kind)
      const words = wordsOf(r, locale)
      const recorded = r.details?.groups ?? []
      const groupsDiffering = r.details?.groupsDiffering ?? recorded.length
      const checksum = r.details?.checksum
      const masked = checksum?.keysMasked === true
      const failed = r.status === 'fail'
      return {
        assertion: r.assertion,
        kind: r.kind,
        status: r.status,
        summary: failed
          ? (words.subject ?? (describeDifference(r, locale) || p.valuesDiffer))
          : p.couldNotRun(r.error?.code ?? 'ERROR'),
        counts: failed ? (words.counts ?? null) : null,
        columns: failed ? [...(checksum?.columnsDiffering ?? [])].sort((a, b) => b.rows - a.rows) : [],
        groups: failed ? recorded.slice(0, limits.groups) : [],
        moreGroups: failed ? Math.max(0, groupsDiffering - Math.min(recorded.length, limits.groups)) : 0,
        sampleKeys: failed && masked ? (checksum?.samples ?? []).slice(0, limits.keys) : [],
        checkFirst:
          failed && kind !== undefined && r.assertion !== LOAD_ASSERTION
            ? kind.checkFirst(r, locale)
            : r.assertion === LOAD_ASSERTION
              ? p.checkFirstLoad
              : p.checkFirstError,
      }
    })
}

/** A row category (`missing`, `extra`, `changed`, `duplicate`) in the reader's language. */
export function categoryName(category: string, locale: Locale): string {
  const words = catalog(locale).notify.findings.category
  return Object.hasOwn(words, category) ? words[category as keyof typeof words] : category
}

/** A group's canonical values as `visit_date=2026-11-26, unit=BUM-NORR`. */
export function groupText(group: Readonly<Record<string, string | null>>): string {
  return Object.entries(group)
    .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
    .join(', ')
}

/**
 * The result a subject leads with: an error outranks a fail; among fails, the one with the most rows missing,
 * extra, changed or duplicated (so a net row count of 44 never stands in for 47 missing and 3 extra in its
 * groups); on a tie, the first.
 */
export function worstResult<R extends DescribableResult>(results: readonly R[]): R | undefined {
  const status = worstStatus(results)
  if (status === 'pass') return undefined
  const rows = (r: R): bigint => {
    // Counts are decimal text, the same in every language.
    const c = status === 'fail' ? wordsOf(r, DEFAULT_LANGUAGE).counts : undefined
    if (c === undefined) return 0n
    return [c.missing, c.extra, c.changed, c.duplicate].reduce(
      (sum, n) => sum + (n !== undefined && /^\d+$/.test(n) ? BigInt(n) : 0n),
      0n,
    )
  }
  let worst: R | undefined
  for (const r of results) {
    if (r.status !== status) continue
    if (worst === undefined || rows(r) > rows(worst)) worst = r
  }
  return worst
}

/** The worst status of some results: error outranks fail outranks pass. */
export function worstStatus(results: readonly { status: ResultStatus }[]): ResultStatus {
  if (results.some((r) => r.status === 'error')) return 'error'
  if (results.some((r) => r.status === 'fail')) return 'fail'
  return 'pass'
}
