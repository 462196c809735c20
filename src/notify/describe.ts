import { kindNamed } from '../check-kinds/index.js'
import type { Locale } from '../config/types.js'
import type { DescribableResult, ResultDescription } from '../results/describable.js'
import type { ResultStatus } from '../results/types.js'
import { LOAD_ASSERTION } from './check-info.js'
import { formatAge, formatNumber, formatPercent, phrases } from './locale.js'

export type { DescribableResult }

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

/** What the result's kind says about it; nothing for a kind this version does not know. */
function wordsOf(result: DescribableResult, locale: Locale): ResultDescription {
  return kindNamed(result.kind)?.describe(result, locale) ?? {}
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
export function describeForSubject(result: DescribableResult, locale: Locale): string {
  const p = phrases(locale)
  if (result.status === 'error') return `${result.assertion} ${p.couldNotRun(result.error?.code ?? 'ERROR')}`
  if (result.assertion === LOAD_ASSERTION && result.status === 'fail')
    return describeDifference(result, locale)
  const subject = wordsOf(result, locale).subject
  if (subject !== undefined) return `${result.assertion}: ${subject}`
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
