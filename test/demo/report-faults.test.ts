import { describe, expect, it } from 'vitest'
import { describeFaultsCaught } from '../../src/demo/report-faults.js'
import type { DemoScenario } from '../../src/demo/scenario.js'
import type { CheckResult, ResultStatus } from '../../src/results/types.js'

const scenario: DemoScenario = {
  cutoff: '2025-03-29T03:10:00',
  faults: [
    {
      id: 'missing-unit-day',
      description: 'All 89 visits at BUM-NORR on 2025-03-24 are missing from the reporting copy.',
      expectedFailures: [
        { check: 'outpatient-visits', assertion: 'row_count' },
        { check: 'outpatient-visits', assertion: 'row_count by visit_date, unit' },
      ],
    },
    {
      id: 'truncated-fees',
      description: 'The fees of 750 visits on 2025-03-27 lost their öre in the reporting copy.',
      expectedFailures: [{ check: 'outpatient-visits', assertion: 'sum(fee)' }],
    },
  ],
  postCutoffChanges: { visits: 300, referrals: 60, updatedVisits: 0 },
  rows: { patients: 50_000, visits: 250_300, referrals: 30_060, units: 40 },
}

function result(
  check: string,
  assertion: string,
  status: ResultStatus,
  message = `${assertion} ${status}`,
): CheckResult {
  return {
    runId: 'run-1',
    check,
    assertion,
    kind: assertion.startsWith('row_count') ? 'row_count' : 'aggregate',
    status,
    source: null,
    target: null,
    difference: null,
    message,
    details: null,
    cutoff: '2025-03-29T03:10:00.000000',
    lateChanges: null,
    sql: { source: null, target: null },
    parameters: { source: [], target: [] },
    durationsMs: { source: 1, target: 1 },
    definitionHash: 'abc',
    error:
      status === 'error'
        ? { code: 'QUERY_FAILED', message: 'relation "ci.fact_visit" does not exist' }
        : null,
    evaluatedAt: '2025-03-29T05:00:00.000Z',
  }
}

describe('describeFaultsCaught', () => {
  it('says plainly when every fault was caught and nothing else failed', () => {
    const text = describeFaultsCaught(scenario, [
      result('outpatient-visits', 'row_count', 'fail', 'source 250000 rows, target 249911 rows: 89 missing'),
      result('outpatient-visits', 'row_count by visit_date, unit', 'fail'),
      result('outpatient-visits', 'sum(fee)', 'fail'),
      result('outpatient-visits', 'min(fee)', 'pass'),
      result('care-units', 'row_count', 'pass'),
    ])
    expect(text).toContain('1. missing-unit-day: CAUGHT')
    expect(text).toContain('2. truncated-fees: CAUGHT')
    expect(text).toContain(
      'outpatient-visits / row_count: source 250000 rows, target 249911 rows: 89 missing',
    )
    expect(text).toContain('No other result failed: they raised no alarm.')
    expect(text).not.toContain('min(fee)')
    expect(text.split('\n').at(-1)).toBe(
      'All 2 injected faults were caught; the 360 rows changed after the cutoff raised no alarm.',
    )
  })

  it('names a missed fault, the result that did not fail, and a failure no fault explains', () => {
    const text = describeFaultsCaught(scenario, [
      result('outpatient-visits', 'row_count', 'fail'),
      result('outpatient-visits', 'row_count by visit_date, unit', 'fail'),
      result('outpatient-visits', 'sum(fee)', 'pass', 'sums agree: 41665743.75'),
      result('referrals', 'row_count', 'fail', 'source 30060 rows, target 30000 rows'),
    ])
    expect(text).toContain('2. truncated-fees: MISSED')
    expect(text).toContain('Expected these to fail:')
    expect(text).toContain('pass   outpatient-visits / sum(fee): sums agree: 41665743.75')
    expect(text).toContain('1 other result failed, which no injected fault explains:')
    expect(text).toContain('referrals / row_count: source 30060 rows, target 30000 rows')
    expect(text.split('\n').at(-1)).toBe(
      '1 of 2 injected faults were caught (missed: truncated-fees); but 1 other result failed as well, possibly false alarms from the 360 rows changed after the cutoff.',
    )
  })

  it('counts a fault as missed when an expected result is absent or could not run', () => {
    const text = describeFaultsCaught(scenario, [
      result('outpatient-visits', 'row_count', 'error'),
      result('patients', 'row_count', 'error'),
    ])
    expect(text).toContain('1. missing-unit-day: MISSED')
    expect(text).toContain(
      'error  outpatient-visits / row_count: could not run: relation "ci.fact_visit" does not exist',
    )
    expect(text).toContain(
      'none   outpatient-visits / row_count by visit_date, unit: no result; the check did not run',
    )
    expect(text).toContain('1 result could not run, so they show nothing either way:')
    expect(text.split('\n').at(-1)).toBe(
      'None of the 2 injected faults was caught; the 360 rows changed after the cutoff raised no alarm; 1 result could not run.',
    )
  })
})
