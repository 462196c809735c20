import { kindNamed } from '../check-kinds/index.js'
import { describeDifference } from '../check-kinds/tolerance/tolerance.js'
import type { RecordedRun } from '../runner/run.js'
import type { NotifiedRun } from '../pipeline/run-and-notify.js'
import type { CheckResult, ObservedValues, ResultStatus } from '../results/types.js'
import type { HistoryEntry, HistoryRow } from '../store/results-store.js'
import { countOf, formatDurationShort, plural } from '../i18n/format.js'
import { resultText } from '../i18n/result-messages.js'
import { formatInZone } from '../util/time-zone.js'
import { type CliIo, paint } from './io.js'

const STATUS_LABEL: Readonly<Record<ResultStatus, string>> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR' }
const STATUS_STYLE = { pass: 'green', fail: 'red', error: 'yellow' } as const

const integer = /^-?\d+$/
const nf = new Intl.NumberFormat('en-US')

/** `n` and the English word for it: `1 check`, `2 checks` (the CLI speaks English). */
const counted = (n: number, one: string, other: string) => countOf(n, 'en', [one, other])

function cell(observed: ObservedValues | null): string {
  if (observed === null) return '–'
  const entries = Object.entries(observed).filter(([k]) => k !== 'age_ms' && k !== 'groups')
  const value = entries[0]?.[1]
  if (value === undefined) return '–'
  if (value === null) return 'NULL'
  return integer.test(value) && value.length < 16 ? nf.format(BigInt(value)) : value
}

/** What a difference cell needs of a result: a run's result or a history row, whose kind this version may not know. */
type DifferenceSource = Pick<CheckResult, 'status' | 'difference' | 'details'> & { readonly kind: string }

/**
 * A result's difference in human units, as its kind says it measures: a lag as a duration (`3 d behind`), located
 * rows as missing/extra/changed counts, values that differ in words, a count or amount as a signed number with its
 * percentage (also a result of a kind this version does not know).
 */
export function differenceCell(result: DifferenceSource): string {
  const located = result.details?.checksum
  if (located?.located === true) {
    const counts = [
      [located.changed, 'changed'],
      [located.missing, 'missing'],
      [located.extra, 'extra'],
      [located.duplicateKeys, 'duplicate keys'],
    ] as const
    const text = counts.flatMap(([n, what]) => (n !== undefined && n > 0 ? [`${nf.format(n)} ${what}`] : []))
    return text.length === 0 ? 'checksums differ' : `rows: ${text.join(', ')}`
  }
  const measures = kindNamed(result.kind)?.measures
  if (measures === 'values' && result.status === 'fail') return 'checksums differ'
  if (result.difference === null) return result.status === 'error' ? '' : '–'
  if (measures === 'lag') {
    const lag = -Number(result.difference.absolute)
    return lag === 0 ? 'no lag' : `${formatDurationShort(Math.abs(lag))} ${lag > 0 ? 'behind' : 'ahead'}`
  }
  return describeDifference(result.difference)
}

/** Lays out rows as aligned columns; the last column is not padded. */
export function table(rows: readonly (readonly string[])[], maxWidth = 40): string[] {
  const widths: number[] = []
  for (const row of rows)
    row.forEach((c, i) => (widths[i] = Math.min(maxWidth, Math.max(widths[i] ?? 0, c.length))))
  return rows.map((row) =>
    row
      .map((c, i) => {
        const clipped = c.length > maxWidth ? `${c.slice(0, maxWidth - 1)}…` : c
        return i === row.length - 1 ? clipped : clipped.padEnd(widths[i] ?? 0)
      })
      .join('  ')
      .trimEnd(),
  )
}

/** The terminal report of a run: a table of every result, then what failed and why, then the verdict. */
export function renderRun(io: CliIo, run: RecordedRun, timezone: string): string[] {
  const lines: string[] = []
  const started = new Date(run.startedAt)
  lines.push(paint(io, 'bold', `Run ${run.runId} · ${formatInZone(started.getTime(), timezone)} ${timezone}`))
  lines.push('')
  const rows = [['STATUS', 'CHECK', 'ASSERTION', 'SOURCE', 'TARGET', 'DIFFERENCE']]
  for (const r of run.results)
    rows.push([
      STATUS_LABEL[r.status],
      r.check,
      r.assertion,
      cell(r.source),
      cell(r.target),
      differenceCell(r),
    ])
  table(rows).forEach((line, i) => {
    if (i === 0) return lines.push(paint(io, 'dim', line))
    const result = run.results[i - 1]
    const label = result === undefined ? '' : STATUS_LABEL[result.status]
    lines.push(
      result === undefined ? line : line.replace(label, paint(io, STATUS_STYLE[result.status], label)),
    )
  })
  const late = new Map(run.results.flatMap((r) => (r.lateChanges === null ? [] : [[r.check, r.lateChanges]])))
  if (late.size > 0) {
    lines.push('', paint(io, 'bold', 'Late changes left out (source rows changed after the cutoff)'))
    for (const [check, l] of late)
      lines.push(
        `  ${check}: ${l.rows === null ? 'source read as of the cutoff' : `${l.rows.toLocaleString('en-US')} rows left out on both sides`}`,
      )
  }
  const bad = run.results.filter((r) => r.status !== 'pass')
  if (bad.length > 0) {
    lines.push('', paint(io, 'bold', 'What did not pass'))
    // A check that could not run gives every assertion the same error: one line for the check, not one each.
    const shown = new Set<string>()
    for (const r of bad) {
      if (r.status === 'error') {
        const key = `${r.check}\u0000${r.message}`
        if (shown.has(key)) continue
        shown.add(key)
        const same = bad.filter((o) => o.status === 'error' && o.check === r.check && o.message === r.message)
        const which = same.length > 1 ? `${same.length} assertions` : r.assertion
        lines.push(`  ${paint(io, STATUS_STYLE[r.status], STATUS_LABEL[r.status])} ${r.check} · ${which}`)
        lines.push(`       ${r.message}`)
        continue
      }
      lines.push(`  ${paint(io, STATUS_STYLE[r.status], STATUS_LABEL[r.status])} ${r.check} · ${r.assertion}`)
      // Rendered from the result's code, as mail and dashboard do; the CLI speaks English. An error keeps its
      // message above: only that carries the cause (the code carries just the error's code).
      lines.push(`       ${resultText(r, 'en')}`)
      for (const g of r.details?.groups ?? []) {
        const key = Object.entries(g.group)
          .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
          .join(', ')
        lines.push(`         ${key}: source ${g.source}, target ${g.target}`)
      }
      const more = (r.details?.groupsDiffering ?? 0) - (r.details?.groups?.length ?? 0)
      if (more > 0) lines.push(`         … and ${counted(more, 'more group', 'more groups')}`)
      if (r.cutoff !== null) lines.push(paint(io, 'dim', `       cutoff ${r.cutoff}`))
    }
  }
  const count = (s: ResultStatus) => run.results.filter((r) => r.status === s).length
  const checks = new Set(run.results.map((r) => r.check)).size
  const seconds = ((new Date(run.finishedAt).getTime() - started.getTime()) / 1000).toFixed(1)
  const verdict =
    count('error') > 0 ? 'COULD NOT CHECK EVERYTHING' : count('fail') > 0 ? 'DIFFERENCES FOUND' : 'ALL PASSED'
  const style = count('error') > 0 ? 'yellow' : count('fail') > 0 ? 'red' : 'green'
  lines.push('')
  lines.push(
    `${paint(io, style, paint(io, 'bold', `Verdict: ${verdict}`))} — ${count('pass')} passed, ${count('fail')} failed, ${count('error')} could not run (${run.results.length} assertions in ${checks} checks, ${seconds} s)`,
  )
  if (run.recovery.runsLoaded > 0) {
    lines.push(
      `Loaded ${counted(run.recovery.runsLoaded, 'spooled run', 'spooled runs')} with ${counted(run.recovery.resultsLoaded, 'result', 'results')} into the store.`,
    )
  }
  for (const problem of run.recovery.problems) lines.push(paint(io, 'yellow', `Spool: ${problem}`))
  if (run.stored) {
    lines.push(paint(io, 'dim', `Results stored (run ${run.runId}); "reconcile history" shows past results.`))
  } else {
    lines.push(
      paint(
        io,
        'yellow',
        `Results could NOT be written to the store: ${run.storeProblem ?? 'unknown reason'}`,
      ),
      paint(
        io,
        'yellow',
        `They are kept in ${run.spoolFile ?? 'the spool'} and will be loaded into the store by the next run.`,
      ),
    )
  }
  return lines
}

/** What a run did to incidents and mail, for the terminal: a few lines, never values. */
export function renderNotifications(io: CliIo, run: NotifiedRun): string[] {
  const lines: string[] = []
  if (run.aborted) {
    lines.push(
      paint(
        io,
        'yellow',
        `Run ABORTED: ${counted(run.notStarted.length, 'check', 'checks')} ${plural(run.notStarted.length, 'en', ['was', 'were'])} not started: ${run.notStarted.join(', ')}`,
      ),
    )
  }
  if (run.orphansAborted.length > 0) {
    lines.push(
      `Marked ${counted(run.orphansAborted.length, 'run', 'runs')} left unfinished by a crash as aborted.`,
    )
  }
  const i = run.incidents
  if (i !== undefined) {
    const parts = [
      i.opened.length > 0 ? `${i.opened.length} opened (${i.opened.map((x) => x.checkId).join(', ')})` : '',
      i.updated.length > 0 ? `${i.updated.length} still open` : '',
      i.reminded.length > 0 ? `${i.reminded.length} reminded` : '',
      i.resolved.length > 0
        ? `${i.resolved.length} resolved (${i.resolved.map((x) => x.checkId).join(', ')})`
        : '',
    ].filter((p) => p !== '')
    lines.push(
      `Incidents: ${parts.length === 0 ? 'no change' : parts.join(', ')}; ${counted(i.queued, 'message', 'messages')} queued.`,
    )
    for (const what of i.unaddressed)
      lines.push(paint(io, 'yellow', `Not queued, no recipients configured: ${what}`))
  }
  const d = run.delivery
  if (d !== undefined) {
    // "Mail" only when mail is the one channel; with a webhook too, each channel is named with where it sends (a
    // webhook's description names itself: `webhook teams (host)`).
    const via = run.sentVia ?? []
    const onlyMail = via.length === 1 && via[0]?.channel === 'mail'
    const where = onlyMail
      ? `sent to ${via[0]?.description ?? ''}`
      : `sent via ${via.map((c) => (c.channel === 'mail' ? `mail (${c.description})` : c.description)).join(', ')}`
    lines.push(
      `${onlyMail ? 'Mail' : 'Messages'}: ${d.sent.length} ${where}${d.failed.length > 0 ? `, ${d.failed.length} failed and ${plural(d.failed.length, 'en', ['stays', 'stay'])} in the outbox` : ''}.`,
    )
    for (const f of d.failed) {
      lines.push(
        paint(
          io,
          'yellow',
          `  ${f.message.subject}: ${f.error}${f.retryAt === null ? ' (gave up; see "reconcile outbox")' : ''}`,
        ),
      )
    }
  }
  if (run.notifyProblem !== undefined) lines.push(paint(io, 'yellow', `Notifications: ${run.notifyProblem}`))
  return lines
}

/** The JSON document of `reconcile run --json`. */
export function runJson(run: RecordedRun): unknown {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    stored: run.stored,
    spoolFile: run.spoolFile ?? null,
    storeProblem: run.storeProblem ?? null,
    aborted: run.aborted,
    notStarted: run.notStarted,
    results: run.results,
  }
}

/** The fields of a history entry in `reconcile history --json`, in order: the shape scripts rely on. */
export const HISTORY_JSON_FIELDS = [
  'runId',
  'evaluatedAt',
  'check',
  'assertion',
  'status',
  'source',
  'target',
  'difference',
  'message',
  'definitionHash',
] as const satisfies readonly (keyof HistoryEntry)[]

/** One entry of `reconcile history --json`: exactly {@link HISTORY_JSON_FIELDS}, whatever else the row carries. */
export function historyJson(entry: HistoryEntry): Record<(typeof HISTORY_JSON_FIELDS)[number], unknown> {
  return Object.fromEntries(HISTORY_JSON_FIELDS.map((f) => [f, entry[f]])) as Record<
    (typeof HISTORY_JSON_FIELDS)[number],
    unknown
  >
}

/**
 * The line after a history table cut by `--limit`: how many results are not shown and how to see them; null
 * when every selected result is shown.
 */
export function historyMore(shown: number, total: number): string | null {
  const more = total - shown
  if (more <= 0) return null
  return `Showing the newest ${nf.format(shown)} of ${nf.format(total)} results; ${nf.format(more)} more: add --limit ${total} to see them all, or narrow with --check ID or --days N.`
}

/** The terminal view of `reconcile history`. */
export function renderHistory(io: CliIo, entries: readonly HistoryRow[], timezone: string): string[] {
  if (entries.length === 0) return ['No results recorded for that selection.']
  const rows = [['TIME', 'CHECK', 'ASSERTION', 'STATUS', 'SOURCE', 'TARGET', 'DIFFERENCE', 'RUN']]
  for (const e of entries) {
    rows.push([
      formatInZone(e.evaluatedAt.getTime(), timezone),
      e.check,
      e.assertion,
      STATUS_LABEL[e.status],
      cell(e.source),
      cell(e.target),
      differenceCell(e),
      e.runId.slice(0, 8),
    ])
  }
  return table(rows).map((line, i) => (i === 0 ? paint(io, 'dim', line) : line))
}
