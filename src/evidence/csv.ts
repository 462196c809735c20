import { formatDateTime } from '../i18n/format.js'
import type { Evidence } from './evidence.js'

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that a spreadsheet would
 * run as a formula (`=`, `+`, `@`, or `-` not followed by a digit) gets a leading apostrophe.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (/^[=+@\t\r]/.test(text) || /^-(?!\d)/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csv(
  head: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return [head, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function observed(values: Readonly<Record<string, string | null>> | null): string {
  if (values === null) return ''
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
    .join('; ')
}

/** The evidence as CSV files by name: runs, results, nights and definition changes. Times in UTC and local. */
export function evidenceCsv(evidence: Evidence): Record<string, string> {
  const local = (d: Date | null) => (d === null ? '' : formatDateTime(d, evidence.timezone, true))
  return {
    'runs.csv': csv(
      [
        'run_id',
        'started_at_utc',
        'started_at_local',
        'finished_at_utc',
        'status',
        'trigger',
        'host',
        'tool_version',
        'checks',
        'passed',
        'failed',
        'errors',
      ],
      evidence.runs.map((r) => [
        r.runId,
        r.startedAt.toISOString(),
        local(r.startedAt),
        r.finishedAt?.toISOString() ?? '',
        r.status,
        r.trigger,
        r.host,
        r.toolVersion,
        r.checks,
        r.passed,
        r.failed,
        r.errors,
      ]),
    ),
    'results.csv': csv(
      [
        'run_id',
        'evaluated_at_utc',
        'evaluated_at_local',
        'check',
        'assertion',
        'kind',
        'status',
        'source',
        'target',
        'difference',
        'difference_percent',
        'cutoff',
        'definition_hash',
        'incident_id',
        'error_code',
        'message',
      ],
      evidence.results.map((r) => [
        r.runId,
        r.evaluatedAt.toISOString(),
        local(r.evaluatedAt),
        r.check,
        r.assertion,
        r.kind,
        r.status,
        observed(r.source),
        observed(r.target),
        r.difference?.absolute,
        r.difference?.percent,
        r.cutoff,
        r.definitionHash,
        r.incidentId,
        r.errorCode,
        r.message,
      ]),
    ),
    'nights.csv': csv(
      ['date', 'status', 'runs'],
      evidence.nights.map((n) => [n.date, n.status, n.runIds.join(' ')]),
    ),
    'definition-changes.csv': csv(
      ['check', 'first_seen_utc', 'first_seen_local', 'run_id', 'previous_hash', 'hash'],
      evidence.definitionChanges.map((c) => [
        c.check,
        c.firstSeenAt.toISOString(),
        local(c.firstSeenAt),
        c.runId,
        c.previousHash,
        c.hash,
      ]),
    ),
  }
}

/** The evidence as one JSON document; SQL text is left out (the control document shows it), values are kept. */
export function evidenceJson(evidence: Evidence): unknown {
  return {
    installation: evidence.installation,
    timezone: evidence.timezone,
    period: { from: evidence.from, to: evidence.to },
    generatedAt: evidence.generatedAt.toISOString(),
    incidentsRecorded: evidence.incidentsRecorded,
    nights: evidence.nights,
    nightsWithoutACompleteRun: evidence.nights.filter((n) => n.status !== 'ran'),
    definitionChanges: evidence.definitionChanges,
    runs: evidence.runs,
    results: evidence.results.map((r) => ({
      runId: r.runId,
      evaluatedAt: r.evaluatedAt.toISOString(),
      check: r.check,
      assertion: r.assertion,
      kind: r.kind,
      status: r.status,
      source: r.source,
      target: r.target,
      difference: r.difference,
      cutoff: r.cutoff,
      definitionHash: r.definitionHash,
      incidentId: r.incidentId,
      errorCode: r.errorCode,
      message: r.message,
    })),
  }
}
