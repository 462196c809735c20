import type { MorningReportEvent } from '../incidents/events.js'
import type { ResultStatus } from '../results/types.js'
import type { ComposeContext } from './channel.js'
import {
  reportDate,
  reportLines,
  reportSubject,
  reportVerdict,
  type ReportVerdict,
} from './morning-report.js'

/**
 * The morning report as JSON, for a webhook. `text` is what Teams and Slack show: the subject line, then one line
 * per check that differed or could not run, then the dashboard link. The rest is for a program. Like the mail it
 * holds ids, titles, statuses and counts only: never a value or a key of the compared data.
 */
export interface MorningReportSummary {
  readonly event: 'morning_report'
  readonly text: string
  readonly installation: string
  /** The report's local date, `YYYY-MM-DD`. */
  readonly date: string
  readonly verdict: ReportVerdict['kind']
  readonly counts: {
    readonly checks: number
    readonly passed: number
    readonly failed: number
    readonly errors: number
    /** Checks without a result in the last 24 hours. */
    readonly notRun: number
  }
  /** Every check, the ones to act on first. */
  readonly checks: ReadonlyArray<{
    readonly id: string
    readonly title: string
    /** Its latest status; null when it did not run in the last 24 hours. */
    readonly status: ResultStatus | null
    /** The last nights, oldest first; null for a night without a run. */
    readonly nights: ReadonlyArray<ResultStatus | null>
    /** The report's line in the configured language, e.g. `antal rader: 1 rad saknas · avviker 2:a natten i rad`. */
    readonly line: string
  }>
  /** The night's scheduled run that had not finished when the report was made. */
  readonly unfinishedRun: { readonly schedule: string; readonly since: string } | null
  /** When the report was made (ISO). */
  readonly at: string
  /** The dashboard, when `web.public_url` is set. */
  readonly link?: string
}

/** The webhook body of the morning report event. */
export function morningReportSummary(
  event: MorningReportEvent,
  context: ComposeContext,
): MorningReportSummary {
  const { report } = event
  const { locale, timezone } = context
  const verdict = reportVerdict(report)
  const lines = reportLines(report, locale, timezone)
  const subject = reportSubject(report, locale, timezone, context.installation)
  const link = context.publicUrl === undefined ? undefined : `${context.publicUrl}/${locale}/`
  const said = (line: (typeof lines)[number]) => [line.found, line.streak].filter((s) => s !== '').join(' · ')
  // Checks that differ or could not run; one that did not run is in `counts`, not a line each (a night without a
  // run would list them all).
  const attention = lines
    .filter((l) => l.status === 'fail' || l.status === 'error')
    .map((l) => `${l.title}: ${said(l)}`)
  return {
    event: 'morning_report',
    text: [subject, ...attention, ...(link === undefined ? [] : [link])].join('\n'),
    installation: context.installation,
    date: reportDate(report, timezone),
    verdict: verdict.kind,
    counts: {
      checks: verdict.total,
      passed: verdict.checked - verdict.failed - verdict.errors,
      failed: verdict.failed,
      errors: verdict.errors,
      notRun: verdict.total - verdict.checked,
    },
    checks: lines.map((l) => ({
      id: l.id,
      title: l.title,
      status: l.status,
      nights: l.nights,
      line: said(l),
    })),
    unfinishedRun: report.unfinishedRun ?? null,
    at: event.at,
    link,
  }
}
