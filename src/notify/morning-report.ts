import { kindNamed } from '../check-kinds/index.js'
import type { Locale } from '../config/types.js'
import { formatDurationWords } from '../i18n/format.js'
import { catalog } from '../i18n/language.js'
import type { MorningReport, ReportCheck } from '../incidents/events.js'
import type { ResultStatus } from '../results/types.js'
import type { ResultsStore } from '../store/results-store.js'
import type { StoredResult } from '../store/stored-result.js'
import { formatInZone, isAbsoluteTimestamp, toLocalText } from '../util/time-zone.js'
import { type CheckInfo, LOAD_ASSERTION, LOAD_CHECK_ID } from './check-info.js'
import { worstStatus } from './describe.js'
import { escapeHtml, htmlDocument, htmlHeading, htmlParagraph, htmlTable, STATUS_COLOR } from './html.js'
import { formatTime, reportNumber, runStatusText } from './locale.js'
import { reportWords, type ReportWords } from './report-words.js'
import type { ComposedMessage, MessageContext } from './message.js'

/** Days of history the report's trend shows, today included. */
export const TREND_DAYS = 7

/** A check's results older than this count as "not run" for the verdict. */
const FRESH_MS = 24 * 3_600_000

function localDate(iso: string, timezone: string): string {
  return formatInZone(new Date(iso).getTime(), timezone).slice(0, 10)
}

/**
 * Reads what the report needs: the last {@link TREND_DAYS} days of results, the open incidents, the last run and
 * the last load time. `checks` are the configured checks; a check with results but no definition any more is
 * still listed, as is the built-in `load` check once it has run.
 */
export async function gatherMorningReport(
  store: ResultsStore,
  options: { checks: readonly CheckInfo[]; infoOf: (id: string) => CheckInfo; now: Date; timezone: string },
): Promise<MorningReport> {
  const { now, timezone } = options
  // One extra day so the oldest local day of the trend is complete whatever the zone's offset.
  const since = new Date(now.getTime() - (TREND_DAYS + 1) * 86_400_000).toISOString()
  const results = await store.resultsSince(since)
  const days: string[] = []
  for (let i = TREND_DAYS - 1; i >= 0; i--)
    days.push(localDate(new Date(now.getTime() - i * 86_400_000).toISOString(), timezone))
  const ids = [...options.checks.map((c) => c.id)]
  for (const r of results) if (!ids.includes(r.check)) ids.push(r.check)
  const loadFirst = ids.includes(LOAD_CHECK_ID)
    ? [LOAD_CHECK_ID, ...ids.filter((i) => i !== LOAD_CHECK_ID)]
    : ids
  const open = await store.incidents.open()
  const checks = loadFirst.map((id): ReportCheck => {
    const own = results.filter((r) => r.check === id)
    const lastRun = own.at(-1)?.runId
    const info = options.checks.find((c) => c.id === id) ?? options.infoOf(id)
    return {
      check: { id, title: info.title },
      latest: own.filter((r) => r.runId === lastRun),
      trend: days.map((date) => {
        const that = own.filter((r) => localDate(r.evaluatedAt.toISOString(), timezone) === date)
        return { date, status: that.length === 0 ? null : worstStatus(that) }
      }),
      openSince: open.find((i) => i.checkId === id)?.openedAt ?? null,
    }
  })
  const loadResult = results
    .filter((r) => r.check === LOAD_CHECK_ID && (r.target?.finished_at ?? null) !== null)
    .at(-1)
  const cutoffs = results.filter((r) => r.cutoff !== null).map((r) => r.cutoff as string)
  const runs = await store.recentRuns(1)
  return {
    generatedAt: now.toISOString(),
    checks,
    lastLoadFinished: loadResult?.target?.finished_at ?? cutoffs.sort().at(-1) ?? null,
    lastRun: runs[0] ?? null,
  }
}

/** Canonical timestamp text as local wall-clock time to the minute. */
function localTimestamp(text: string, timezone: string): string {
  const local = isAbsoluteTimestamp(text) ? toLocalText(text, timezone) : text
  return local.replace('T', ' ').slice(0, 16)
}

/** The mark of a night in the trend: passed, differed, could not run, no run. */
export const TREND_MARK: Readonly<Record<ResultStatus | 'none', string>> = {
  pass: '✓',
  fail: '✗',
  error: '!',
  none: '–',
}

/** What the report's verdict is, and the counts it states. */
export interface ReportVerdict {
  readonly kind: 'allPassed' | 'failed' | 'errors' | 'noRun' | 'unfinished'
  readonly failed: number
  readonly errors: number
  /** Checks with a result from the last 24 hours. */
  readonly checked: number
  /** Every check the report lists. */
  readonly total: number
}

/** Whether a check ran in the 24 hours before the report. */
function ranLastNight(check: ReportCheck, generatedAt: string): boolean {
  const at = check.latest[0]?.evaluatedAt
  return at !== undefined && new Date(generatedAt).getTime() - new Date(at).getTime() <= FRESH_MS
}

/** The verdict of the report, from the checks' latest results of the last 24 hours. */
export function reportVerdict(report: MorningReport): ReportVerdict {
  const fresh = report.checks.filter((c) => ranLastNight(c, report.generatedAt))
  const status = (c: ReportCheck) => worstStatus(c.latest)
  const failed = fresh.filter((c) => status(c) === 'fail').length
  const errors = fresh.filter((c) => status(c) === 'error').length
  // An unfinished run's results are partial: saying "all passed" or "no run" would both be untrue.
  const kind =
    report.unfinishedRun !== undefined
      ? 'unfinished'
      : fresh.length === 0
        ? 'noRun'
        : failed > 0
          ? 'failed'
          : errors > 0
            ? 'errors'
            : 'allPassed'
  return { kind, failed, errors, checked: fresh.length, total: report.checks.length }
}

/** The verdict in one sentence, said first in every form of the report: `2 av 14 kontroller avvek`. */
export function reportSummary(report: MorningReport, locale: Locale, timezone: string): string {
  const r = reportWords(locale)
  const v = reportVerdict(report)
  if (report.unfinishedRun !== undefined)
    return r.unfinished(report.unfinishedRun.schedule, formatTime(report.unfinishedRun.since, timezone))
  if (v.kind === 'noRun')
    return r.noRun(report.lastRun === null ? '–' : formatTime(report.lastRun.startedAt, timezone))
  const notRun = v.checked < v.total ? r.notRunCount(v.total - v.checked) : ''
  const first =
    v.kind === 'allPassed'
      ? r.allPassed(v.checked)
      : v.failed > 0
        ? r.failed(v.failed, v.total)
        : r.errors(v.errors, v.total)
  const more = v.failed > 0 && v.errors > 0 ? r.errors(v.errors, null) : ''
  return [first, more, notRun].filter((s) => s !== '').join(', ')
}

/** The report's local date, `YYYY-MM-DD`. */
export function reportDate(report: MorningReport, timezone: string): string {
  return localDate(report.generatedAt, timezone)
}

/** The report's subject: `Morgonrapport 2026-11-24: 2 av 14 kontroller avvek · Region Norr`. */
export function reportSubject(
  report: MorningReport,
  locale: Locale,
  timezone: string,
  installation: string,
): string {
  const date = reportDate(report, timezone)
  return `${catalog(locale).notify.report.subject(date)}: ${reportSummary(report, locale, timezone)} · ${installation}`
}

/** What a result compares, in the report's words (its kind's topic); null for a kind this version does not know. */
function topicOf(result: StoredResult, r: ReportWords, locale: Locale): string | null {
  if (result.assertion === LOAD_ASSERTION) return r.topic.load
  return kindNamed(result.kind)?.topic(locale) ?? null
}

/**
 * How a failing result differs, in plain words and the locale's number format, in the units its kind says the
 * difference measures; never the result's own message.
 */
function howItDiffers(result: StoredResult, r: ReportWords, locale: Locale): string {
  if (result.status === 'error') return r.couldNotRun
  if (result.assertion === LOAD_ASSERTION) return r.loadLate
  const absolute = result.difference?.absolute ?? '0'
  if (absolute === '0' || absolute === '') return r.differs
  const negative = absolute.startsWith('-')
  switch (kindNamed(result.kind)?.measures) {
    case 'rows': {
      const n = Number(negative ? absolute.slice(1) : absolute)
      return negative ? r.rowsMissing(n) : r.rowsExtra(n)
    }
    case 'amount':
      return r.differsBy(reportNumber(absolute, locale))
    case 'lag': {
      // The difference is target minus source: a negative one is a target behind the source.
      const lag = -Number(absolute)
      return lag > 0 ? r.behind(formatDurationWords(lag, locale)) : r.ahead(formatDurationWords(-lag, locale))
    }
    default:
      return r.differs
  }
}

/** One check of the report, ready to show: its mark, title, what it found, its nights and its streak. */
export interface ReportLine {
  readonly id: string
  readonly title: string
  /** Its latest status; null when it did not run in the last 24 hours. */
  readonly status: ResultStatus | null
  /** What it found, in plain words: `antal rader stämmer`, `antal rader: 1 rad saknas`. */
  readonly found: string
  /** The nights of the trend, oldest first; null for a night without a run. */
  readonly nights: ReadonlyArray<ResultStatus | null>
  /** The marks of the nights, e.g. `––✓✓✗✗✗`. */
  readonly marks: string
  /** How long its status has held, e.g. `avviker 3:e natten i rad`; empty when nothing is worth saying. */
  readonly streak: string
}

/** Nights at the end of the trend with the same status as the last one. */
function nightsRunning(nights: ReadonlyArray<ResultStatus | null>): number {
  const last = nights.at(-1)
  let n = 0
  for (let i = nights.length - 1; i >= 0 && nights[i] === last; i--) n += 1
  return n
}

/** A check as one line of the report, in the reader's language. */
export function reportLine(
  check: ReportCheck,
  report: MorningReport,
  locale: Locale,
  timezone: string,
): ReportLine {
  const r = reportWords(locale)
  const ran = ranLastNight(check, report.generatedAt)
  const status = ran ? worstStatus(check.latest) : null
  const nights = check.trend.map((t) => t.status)
  const topics = (results: readonly StoredResult[]) => [
    ...new Set(results.map((x) => topicOf(x, r, locale)).filter((t): t is string => t !== null)),
  ]
  let found: string
  if (status === null) {
    const at = check.latest[0]?.evaluatedAt
    found = at === undefined ? r.notRun : r.lastRunOn(localDate(at.toISOString(), timezone))
  } else if (status === 'pass') {
    found = r.agree(topics(check.latest))
  } else {
    // Per topic, what its failing results say and how many there are. The same phrase twice (a total and a grouped
    // row count both "589 rader saknas") is said once; several measures of one topic (a sum, a count of distinct
    // values…) become one phrase, since "skiljer med −57" beside a sum of money would read as the same amount.
    const parts = new Map<string, { phrases: Set<string>; results: number }>()
    for (const result of check.latest.filter((x) => x.status !== 'pass')) {
      const label = topicOf(result, r, locale) ?? ''
      const part = parts.get(label) ?? { phrases: new Set<string>(), results: 0 }
      part.phrases.add(howItDiffers(result, r, locale))
      part.results += 1
      parts.set(label, part)
    }
    found = [...parts]
      .map(([label, { phrases, results }]) => {
        const said = phrases.size > 1 ? r.measuresDiffer(results) : [...phrases].join(', ')
        return `${label === '' ? '' : `${label}: `}${said}`
      })
      .join('; ')
  }
  let streak = ''
  const last = nights.at(-1)
  if (status !== null && status !== 'pass' && last === status) {
    const running = nightsRunning(nights)
    streak = r.streak(status, running)
    const since = check.openSince
    // The whole window failed: the open incident says since when.
    if (running === nights.length && since !== null)
      streak = `${streak}, ${r.openSince(localDate(since, timezone))}`
  } else if (status === 'pass' && last === 'pass') {
    const before = nights
      .slice(0, -1)
      .filter((n) => n !== null)
      .at(-1)
    if (before === 'fail' || before === 'error') streak = r.passingAgain
  }
  return {
    id: check.check.id,
    title: check.check.title,
    status,
    found,
    nights,
    marks: nights.map((n) => TREND_MARK[n ?? 'none']).join(''),
    streak,
  }
}

/** Failing and erring checks first, then those that did not run, then those that passed; otherwise in order. */
const ORDER: Readonly<Record<ResultStatus | 'none', number>> = { fail: 0, error: 1, none: 2, pass: 3 }

/** Every check of the report as a line, the ones to act on first. */
export function reportLines(report: MorningReport, locale: Locale, timezone: string): ReportLine[] {
  return report.checks
    .map((c) => reportLine(c, report, locale, timezone))
    .sort((a, b) => ORDER[a.status ?? 'none'] - ORDER[b.status ?? 'none'])
}

/**
 * The line as plain text: `✗ Besök per enhet — antal rader: 89 rader saknas · ✓✓✓✓✗✗✗ · avviker 3:e natten i rad`.
 */
function lineText(line: ReportLine): string {
  const parts = [`${TREND_MARK[line.status ?? 'none']} ${line.title} — ${line.found}`, line.marks]
  if (line.streak !== '') parts.push(line.streak)
  return parts.join(' · ')
}

/**
 * The morning report, for management: the verdict first (`Alla 14 kontroller stämde i natt`, `2 av 14 kontroller
 * avvek`), when the load finished and the checks ran, then one line per check in plain words with its last
 * {@link TREND_DAYS} nights and how long its status has held. No assertion kinds, ids or English result texts.
 */
export function composeMorningReport(report: MorningReport, context: MessageContext): ComposedMessage {
  const p = catalog(context.locale).notify
  const r = reportWords(context.locale)
  const verdict = reportVerdict(report)
  const summary = reportSummary(report, context.locale, context.timezone)
  const subject = reportSubject(report, context.locale, context.timezone, context.installation)
  const color = {
    allPassed: STATUS_COLOR.pass,
    failed: STATUS_COLOR.fail,
    errors: STATUS_COLOR.error,
    noRun: STATUS_COLOR.error,
    unfinished: STATUS_COLOR.error,
  }[verdict.kind]
  const loadLine =
    report.lastLoadFinished === null
      ? r.lastLoadUnknown
      : r.lastLoad(localTimestamp(report.lastLoadFinished, context.timezone))
  const runLine =
    report.lastRun === null
      ? ''
      : r.lastRun(
          formatTime(report.lastRun.startedAt, context.timezone),
          runStatusText(report.lastRun.status, context.locale),
        )
  const about = [loadLine, runLine].filter((s) => s !== '').join(' ')
  const lines = reportLines(report, context.locale, context.timezone)
  const title = r.checksTitle(TREND_DAYS)
  // An unfinished run's report says so in words first: its subject's capitals are the alarm.
  const headline = report.unfinishedRun === undefined ? summary : `${r.unfinishedHeadline}: ${summary}`
  const text = [headline, about, '', `${title} (${r.trendLegend}):`, ...lines.map(lineText)]
  text.push('', '-- ', p.footer(context.installation), '')
  const markHtml = (line: ReportLine, n: ResultStatus | null, i: number) => {
    const date = report.checks.find((c) => c.check.id === line.id)?.trend[i]?.date ?? ''
    return `<span title="${escapeHtml(date)}" style="color:${STATUS_COLOR[n ?? 'none']};font-weight:bold">${TREND_MARK[n ?? 'none']}</span>`
  }
  // The marks on one line: a wrapped trend no longer reads oldest to newest.
  const marksHtml = (line: ReportLine) =>
    `<span style="white-space:nowrap">${line.nights.map((n, i) => markHtml(line, n, i)).join('&#8202;')}</span>`
  const html = htmlDocument({
    lang: context.locale,
    title: subject,
    headline,
    color,
    blocks: [
      htmlParagraph(about),
      htmlHeading(title),
      htmlTable(
        ['', r.columns.check, r.columns.found, r.columns.nights, r.columns.streak],
        lines.map((line) => [
          `<b style="color:${STATUS_COLOR[line.status ?? 'none']}">${TREND_MARK[line.status ?? 'none']}</b>`,
          escapeHtml(line.title),
          escapeHtml(line.found),
          marksHtml(line),
          escapeHtml(line.streak),
        ]),
      ),
      `<p style="font-size:12px;color:#6e7781">${escapeHtml(r.trendLegend)}</p>`,
    ],
    footer: p.footer(context.installation),
  })
  return {
    purpose: 'report',
    kind: 'morning_report',
    recipients: context.recipients.report,
    subject,
    text: text.join('\n'),
    html,
    attachments: [],
  }
}
