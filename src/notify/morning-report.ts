import type { ResultStatus } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { ResultsStore, RunSummary } from '../store/results-store.js'
import type { StoredResult } from '../store/stored-result.js'
import { formatInZone, isAbsoluteTimestamp, toLocalText } from '../util/time-zone.js'
import { type CheckInfo, LOAD_CHECK_ID } from './check-info.js'
import { describeDifference, describeValues, worstStatus } from './describe.js'
import { escapeHtml, htmlDocument, htmlHeading, htmlParagraph, htmlTable, STATUS_COLOR } from './html.js'
import { formatAge, formatTime, phrases } from './locale.js'
import { type ComposedMessage, type MessageContext } from './message.js'

/** Days of history the report's trend shows, today included. */
export const TREND_DAYS = 7

/** A check's results older than this count as "not run" for the verdict. */
const FRESH_MS = 24 * 3_600_000

/** One check's line of the report. */
export interface ReportCheck {
  readonly info: CheckInfo
  /** Its results in the latest run that ran it (empty when it has not run in the trend window). */
  readonly latest: readonly StoredResult[]
  /** Worst status per local day, oldest first; null for a day without a run. */
  readonly trend: ReadonlyArray<{ readonly date: string; readonly status: ResultStatus | null }>
}

/** Everything the morning report shows, read from the store. */
export interface MorningReportData {
  /** When the report was made (ISO 8601 UTC). */
  readonly generatedAt: string
  readonly checks: readonly ReportCheck[]
  readonly openIncidents: readonly IncidentRecord[]
  /** When the last load finished, as canonical timestamp text (naive local or with Z); null when unknown. */
  readonly lastLoadFinished: string | null
  readonly lastRun: RunSummary | null
  /**
   * The night's scheduled run when it had not finished as the report was made (the report waited for it until
   * its limit): the schedule's name and when the run was claimed (ISO 8601 UTC). Absent when none was unfinished.
   */
  readonly unfinishedRun?: { readonly schedule: string; readonly since: string }
}

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
): Promise<MorningReportData> {
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
  const checks = loadFirst.map((id): ReportCheck => {
    const own = results.filter((r) => r.check === id)
    const lastRun = own.at(-1)?.runId
    return {
      info: options.checks.find((c) => c.id === id) ?? options.infoOf(id),
      latest: own.filter((r) => r.runId === lastRun),
      trend: days.map((date) => {
        const that = own.filter((r) => localDate(r.evaluatedAt.toISOString(), timezone) === date)
        return { date, status: that.length === 0 ? null : worstStatus(that) }
      }),
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
    openIncidents: await store.incidents.open(),
    lastLoadFinished: loadResult?.target?.finished_at ?? cutoffs.sort().at(-1) ?? null,
    lastRun: runs[0] ?? null,
  }
}

/** Canonical timestamp text as local wall-clock time to the minute. */
function localTimestamp(text: string, timezone: string): string {
  const local = isAbsoluteTimestamp(text) ? toLocalText(text, timezone) : text
  return local.replace('T', ' ').slice(0, 16)
}

const TREND_MARK: Readonly<Record<ResultStatus | 'none', string>> = {
  pass: '✓',
  fail: '✗',
  error: '!',
  none: '–',
}

/** The verdict of the report, from the checks' latest results of the last 24 hours. */
export function reportVerdict(data: MorningReportData): {
  kind: 'allPassed' | 'failed' | 'errors' | 'noRun' | 'unfinished'
  failed: number
  errors: number
  checked: number
} {
  const now = new Date(data.generatedAt).getTime()
  const fresh = data.checks.filter((c) => {
    const at = c.latest[0]?.evaluatedAt
    return at !== undefined && now - new Date(at).getTime() <= FRESH_MS
  })
  const status = (c: ReportCheck) => worstStatus(c.latest)
  const failed = fresh.filter((c) => status(c) === 'fail').length
  const errors = fresh.filter((c) => status(c) === 'error').length
  // An unfinished run's results are partial: saying "all passed" or "no run" would both be untrue.
  const kind =
    data.unfinishedRun !== undefined
      ? 'unfinished'
      : fresh.length === 0
        ? 'noRun'
        : failed > 0
          ? 'failed'
          : errors > 0
            ? 'errors'
            : 'allPassed'
  return { kind, failed, errors, checked: fresh.length }
}

/**
 * The morning report: the overall verdict first, then when the last load finished and the last run, every check
 * with its status, main values and 7-day trend, and the open incidents with their age. Sent also when everything
 * passed, so that its absence is itself a signal.
 */
export function composeMorningReport(data: MorningReportData, context: MessageContext): ComposedMessage {
  const p = phrases(context.locale)
  const r = p.report
  const now = new Date(data.generatedAt).getTime()
  const verdict = reportVerdict(data)
  const date = localDate(data.generatedAt, context.timezone)
  const total = data.checks.length
  const summary =
    data.unfinishedRun !== undefined
      ? r.unfinished(data.unfinishedRun.schedule, formatTime(data.unfinishedRun.since, context.timezone))
      : verdict.kind === 'noRun'
        ? r.noRun(data.lastRun === null ? '–' : formatTime(data.lastRun.startedAt, context.timezone))
        : verdict.kind === 'allPassed'
          ? r.allPassed(verdict.checked)
          : [
              verdict.failed > 0 ? r.failed(verdict.failed, total) : '',
              verdict.errors > 0 ? r.errors(verdict.errors) : '',
              verdict.checked < total ? r.notRunCount(total - verdict.checked) : '',
            ]
              .filter((s) => s !== '')
              .join(', ')
  const subject = `${r.subject(date)}: ${summary} · ${context.installation}`
  const headline = {
    allPassed: r.verdictAllPassed,
    failed: r.verdictFailed,
    errors: r.verdictErrors,
    noRun: r.verdictNoRun,
    unfinished: r.verdictUnfinished,
  }[verdict.kind]
  const color = {
    allPassed: STATUS_COLOR.pass,
    failed: STATUS_COLOR.fail,
    errors: STATUS_COLOR.error,
    noRun: STATUS_COLOR.error,
    unfinished: STATUS_COLOR.error,
  }[verdict.kind]
  const loadLine =
    data.lastLoadFinished === null
      ? r.lastLoadUnknown
      : r.lastLoad(localTimestamp(data.lastLoadFinished, context.timezone))
  const runLine =
    data.lastRun === null
      ? null
      : r.lastRun(formatTime(data.lastRun.startedAt, context.timezone), r.runStatus(data.lastRun.status))
  const incidentOf = new Map(data.openIncidents.map((i) => [i.checkId, i]))
  const checkRows = data.checks.map((c) => {
    const status = c.latest.length === 0 ? null : worstStatus(c.latest)
    const main = c.latest.find((x) => x.kind === 'row_count') ?? c.latest[0]
    const passed = c.latest.filter((x) => x.status === 'pass').length
    const incident = incidentOf.get(c.info.id)
    return {
      status,
      cells: [
        status === null ? r.notRun : p.status[status],
        c.info.id,
        main === undefined ? '' : `${main.assertion}: ${describeValues(main, context.locale)}`,
        c.latest.length === 0
          ? ''
          : [
              r.passedOf(passed, c.latest.length),
              ...c.latest
                .filter((x) => x.status !== 'pass')
                .map((x) => `${x.assertion} ${describeDifference(x, context.locale)}`.trim()),
            ].join('; '),
        c.trend.map((t) => TREND_MARK[t.status ?? 'none']).join(''),
        incident === undefined
          ? ''
          : `${formatTime(incident.openedAt, context.timezone).slice(0, 10)} (${formatAge(now - new Date(incident.openedAt).getTime(), context.locale)})`,
      ],
      trend: c.trend,
    }
  })
  const headers = ['Status', p.check, p.values, p.difference, p.trend, p.since]
  const incidentRows = data.openIncidents.map((i) => [
    i.checkId,
    p.status[i.lastStatus],
    r.openFor(formatAge(now - new Date(i.openedAt).getTime(), context.locale)),
    r.failingRuns(i.occurrences),
    i.summary,
  ])
  const text: string[] = [`${headline}: ${summary}`, loadLine]
  if (runLine !== null) text.push(runLine)
  text.push('', `${r.checksTitle}:`)
  for (const row of checkRows) {
    const [status = '', id = '', values = '', difference = '', trend = '', since = ''] = row.cells
    text.push(`  ${status.padEnd(16)} ${id}`)
    if (values !== '') text.push(`      ${values}`)
    if (difference !== '') text.push(`      ${difference}`)
    text.push(`      ${p.trend}: ${trend}${since === '' ? '' : `   ${p.since}: ${since}`}`)
  }
  text.push(`  (${r.trendLegend})`, '', `${r.incidentsTitle}:`)
  if (incidentRows.length === 0) text.push(`  ${r.noIncidents}`)
  for (const row of incidentRows) text.push(`  ${row.slice(0, 4).join(' · ')}`, `      ${row[4] ?? ''}`)
  text.push('', '-- ', p.footer(context.installation), '')
  const trendHtml = (trend: ReportCheck['trend']) =>
    trend
      .map((t) => {
        const tone = STATUS_COLOR[t.status ?? 'none']
        return `<span title="${escapeHtml(t.date)}" style="color:${tone};font-weight:bold">${TREND_MARK[t.status ?? 'none']}</span>`
      })
      .join('&#8202;')
  const html = htmlDocument({
    lang: context.locale,
    title: subject,
    headline: `${headline}: ${summary}`,
    color,
    blocks: [
      htmlParagraph(loadLine),
      ...(runLine === null ? [] : [htmlParagraph(runLine)]),
      htmlHeading(r.checksTitle),
      htmlTable(
        headers,
        checkRows.map((row) =>
          row.cells.map((cell, j) => {
            if (j === 0)
              return `<b style="color:${STATUS_COLOR[row.status ?? 'none']}">${escapeHtml(cell)}</b>`
            if (j === 4) return trendHtml(row.trend)
            return escapeHtml(cell)
          }),
        ),
      ),
      `<p style="font-size:12px;color:#6e7781">${escapeHtml(r.trendLegend)}</p>`,
      htmlHeading(r.incidentsTitle),
      incidentRows.length === 0
        ? htmlParagraph(r.noIncidents)
        : htmlTable(
            [p.check, 'Status', '', '', ''],
            incidentRows.map((row) => row.map((c) => escapeHtml(c))),
          ),
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
