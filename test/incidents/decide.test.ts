import { describe, expect, it } from 'vitest'
import { decideIncidents } from '../../src/incidents/decide.js'
import type { CheckResult, ResultStatus } from '../../src/results/types.js'
import type { IncidentRecord } from '../../src/store/incident-store.js'

const DAY = 86_400_000

function result(check: string, assertion: string, status: ResultStatus, runId = 'run-2'): CheckResult {
  return {
    runId,
    check,
    assertion,
    kind: 'row_count',
    status,
    source: { rows: '10' },
    target: { rows: status === 'pass' ? '10' : '9' },
    difference: status === 'pass' ? { absolute: '0', percent: 0 } : { absolute: '-1', percent: 10 },
    message: status === 'pass' ? 'same' : 'target has 1 fewer rows',
    details: null,
    cutoff: null,
    lateChanges: null,
    sql: { source: null, target: null },
    parameters: { source: [], target: [] },
    durationsMs: { source: 1, target: 1 },
    definitionHash: 'h',
    error: status === 'error' ? { code: 'QUERY_FAILED', message: 'boom' } : null,
    evaluatedAt: '2026-11-23T03:30:00.000Z',
  }
}

const open = (check: string, lastNotifiedAt: string): IncidentRecord => ({
  incidentId: `i-${check}`,
  checkId: check,
  status: 'open',
  openedAt: '2026-11-20T03:30:00.000Z',
  lastSeenAt: '2026-11-22T03:30:00.000Z',
  resolvedAt: null,
  openedRunId: 'run-0',
  lastRunId: 'run-1',
  resolvedRunId: null,
  occurrences: 3,
  worstStatus: 'fail',
  lastStatus: 'fail',
  failing: [{ assertion: 'row_count', status: 'fail' }],
  summary: '',
  definitionHash: 'h',
  vendorTicket: false,
  lastNotifiedAt,
  reminders: 0,
})

describe('incident decisions', () => {
  const now = new Date('2026-11-23T03:30:00Z')
  const decide = (
    incidents: IncidentRecord[],
    results: CheckResult[],
    reminderAfterMs: number | null = 3 * DAY,
  ) =>
    decideIncidents({
      open: incidents,
      results,
      now,
      reminderAfterMs,
      vendorTicket: (c) => c === 'vendor-check',
    })

  it('opens one incident per check on its first failing or erroring result, worst status first', () => {
    const decisions = decide(
      [],
      [
        result('a', 'row_count', 'fail'),
        result('a', 'sum(x)', 'error'),
        result('vendor-check', 'row_count', 'fail'),
        result('ok', 'row_count', 'pass'),
      ],
    )
    expect(
      decisions.map((d) => [d.type, d.incident.checkId, d.incident.worstStatus, d.incident.vendorTicket]),
    ).toEqual([
      ['open', 'a', 'error', false],
      ['open', 'vendor-check', 'fail', true],
    ])
    expect(decisions[0]?.incident.failing).toEqual([
      { assertion: 'row_count', status: 'fail' },
      { assertion: 'sum(x)', status: 'error' },
    ])
    expect(decisions[0]?.incident.summary).toBe('sum(x): target has 1 fewer rows (+1 more)')
  })

  it('updates an open incident without a new alert, and reminds once the configured days have passed', () => {
    const recent = decide([open('a', '2026-11-21T03:30:00.000Z')], [result('a', 'row_count', 'fail')])
    expect(recent).toMatchObject([
      { type: 'update', remind: false, incident: { occurrences: 4, lastRunId: 'run-2' } },
    ])
    const silent = decide([open('a', '2026-11-20T03:30:00.000Z')], [result('a', 'row_count', 'error')])
    expect(silent).toMatchObject([
      { type: 'update', remind: true, incident: { worstStatus: 'error', lastStatus: 'error' } },
    ])
    const off = decide([open('a', '2026-11-01T03:30:00.000Z')], [result('a', 'row_count', 'fail')], null)
    expect(off).toMatchObject([{ type: 'update', remind: false }])
  })

  it('resolves an open incident when every assertion of the check passes, and ignores checks not in the run', () => {
    const decisions = decide(
      [open('a', '2026-11-22T03:30:00.000Z'), open('not-run', '2026-11-22T03:30:00.000Z')],
      [result('a', 'row_count', 'pass'), result('a', 'sum(x)', 'pass')],
    )
    expect(decisions.map((d) => [d.type, d.incident.checkId])).toEqual([['resolve', 'a']])
  })
})
