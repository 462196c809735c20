import { describe, expect, it } from 'vitest'
import { differenceCell } from '../../src/cli/render.js'
import type { MorningReport, ReportCheck } from '../../src/incidents/events.js'
import { reportLine } from '../../src/notify/morning-report.js'
import { reportWords } from '../../src/notify/report-words.js'
import type { StoredResult } from '../../src/store/stored-result.js'

const NOW = new Date('2026-11-24T06:00:00Z')

/** A stored failing result of `kind` that differs by `absolute` (target minus source). */
function stored(kind: string, absolute: string): StoredResult {
  return {
    runId: 'run-1',
    seq: 1,
    check: 'visits',
    assertion: kind,
    kind,
    status: 'fail',
    source: null,
    target: null,
    difference: { absolute, percent: null },
    details: null,
    message: 'an English line the report never shows',
    messageCode: null,
    messageParams: null,
    cutoff: null,
    lateChanges: null,
    sourceSql: null,
    targetSql: null,
    sourceParameters: [],
    targetParameters: [],
    sourceMs: null,
    targetMs: null,
    definitionHash: 'h',
    errorCode: null,
    errorMessage: null,
    evaluatedAt: new Date(NOW.getTime() - 3_600_000),
  }
}

/** What the morning report says a check with this one result found. */
function found(result: StoredResult): string {
  const check: ReportCheck = {
    check: { id: 'visits', title: 'Besök' },
    latest: [result],
    trend: [{ date: '2026-11-24', status: 'fail' }],
    openSince: null,
  }
  const report: MorningReport = {
    generatedAt: NOW.toISOString(),
    checks: [check],
    lastLoadFinished: null,
    lastRun: null,
  }
  return reportLine(check, report, 'sv', 'Europe/Stockholm').found
}

describe('readers show a difference in the units its kind measures, and a kind they do not know generically', () => {
  it('the morning report: a lag as a duration, rows as rows, an unknown kind without topic or units', () => {
    expect(found(stored('freshness', String(-26 * 3_600_000)))).toBe('aktualitet: 26 timmar efter källan')
    expect(found(stored('row_count', '-2'))).toBe('antal rader: 2 rader saknas')
    // Written by another version: no topic word, no units guessed from a number it cannot read.
    expect(found(stored('future_kind', String(-26 * 3_600_000)))).toBe(reportWords('sv').differs)
    expect(found(stored('future_kind', '-2'))).toBe(reportWords('sv').differs)
    expect(found(stored('checksum', '5'))).toBe(`alla värden: ${reportWords('sv').differs}`)
  })

  it('the CLI: a lag as a duration behind, values that differ in words, an unknown kind as a signed number', () => {
    const cell = (kind: string, absolute: string) => differenceCell(stored(kind, absolute))
    expect(cell('freshness', String(-3 * 86_400_000))).toBe('3 d behind')
    expect(cell('checksum', '0')).toBe('checksums differ')
    expect(cell('future_kind', '0')).not.toBe('checksums differ')
    expect(cell('future_kind', String(-3 * 86_400_000))).not.toContain('behind')
    expect(cell('future_kind', '-2')).toBe(cell('row_count', '-2'))
  })
})
