import type { Language } from '../../src/i18n/language.js'
import type { MorningReport, ReportCheck } from '../../src/incidents/events.js'
import { reportLine } from '../../src/notify/morning-report.js'
import type { StoredResult } from '../../src/store/stored-result.js'

/** A stored failing row_count result of check `visits`, evaluated at `evaluatedAt`; `overrides` change any field. */
export function storedResult(overrides: Partial<StoredResult> = {}): StoredResult {
  return {
    runId: 'run-1',
    seq: 1,
    check: 'visits',
    assertion: 'row_count',
    kind: 'row_count',
    status: 'fail',
    source: null,
    target: null,
    difference: null,
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
    evaluatedAt: new Date('2026-11-24T05:00:00Z'),
    ...overrides,
  }
}

/** What the morning report made at `now` says a check (`visits`, failing last night) with these results found. */
export function reportFound(
  latest: readonly StoredResult[],
  language: Language,
  now = new Date('2026-11-24T06:00:00Z'),
): string {
  const check: ReportCheck = {
    check: { id: 'visits', title: 'Besök' },
    latest,
    trend: [{ date: now.toISOString().slice(0, 10), status: 'fail' }],
    openSince: null,
  }
  const report: MorningReport = {
    generatedAt: now.toISOString(),
    checks: [check],
    lastLoadFinished: null,
    lastRun: null,
  }
  return reportLine(check, report, language, 'Europe/Stockholm').found
}
