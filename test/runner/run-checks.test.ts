import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CheckDefinition } from '../../src/definitions/types.js'
import { executeRun, type RecordedRun } from '../../src/runner/run.js'
import type { CheckResult } from '../../src/results/types.js'
import { isMessageCode, resultText } from '../../src/i18n/result-messages.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { compileStatement } from '../../src/dialects/compile.js'
import { engineFor } from '../../src/dialects/registry.js'
import { availableEngines, type TestDatabase, type TestEngine } from '../support/engines.js'
import { type FixtureType, fixtureSchema, fixtureTable } from '../support/fixture-sql.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/**
 * One synthetic visit table on the source and its restructured copy on the target, with known faults:
 * - the 33 rows of unit U1 on 2026-11-04 are missing from dw.fact_visit (a lost day of one unit);
 * - dw.fact_visit_clean is a faithful copy of everything changed before the cutoff;
 * - 20 source rows were changed after the cutoff (the load's snapshot) and must raise no alarm.
 * Expected values are computed here in TypeScript from the same rows, independently of the SQL under test.
 */
interface Visit {
  id: number
  unit: string
  day: string
  fee: string
  patient: string | null
  changedAt: string
}

const CUTOFF = '2026-11-20 03:10:00'
const BEFORE: Visit[] = Array.from({ length: 1000 }, (_, k) => {
  const i = k + 1
  const minutes = i * 3
  const changed = new Date(Date.UTC(2026, 10, 17, 0, 0, 0) + minutes * 60_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ')
  return {
    id: i,
    unit: `U${i % 3}`,
    day: `2026-11-${String(1 + (i % 10)).padStart(2, '0')}`,
    fee: (i * 1.25).toFixed(2),
    patient: i % 50 === 0 ? null : `P${i % 300}`,
    changedAt: changed,
  }
})
const AFTER: Visit[] = Array.from({ length: 20 }, (_, k) => ({
  id: 5000 + k,
  unit: 'U2',
  day: '2026-11-20',
  fee: '99.00',
  patient: 'P1',
  changedAt: `2026-11-20 0${4 + (k % 5)}:00:00`,
}))
const lost = (v: Visit) => v.unit === 'U1' && v.day === '2026-11-04'
const LOST = BEFORE.filter(lost)

const visitRows = (rows: readonly Visit[]) =>
  rows.map((v) => [v.id, v.unit, v.day, v.fee, v.patient, v.changedAt])

/** The source's and the target's tables, in the engine's SQL. */
function fixtures(language: TestEngine['fixtureSql']): { source: string; target: string } {
  const table = (
    name: string,
    columns: readonly [string, FixtureType][],
    rows: readonly Visit[],
    pk = false,
  ) =>
    fixtureTable(
      language,
      name,
      columns.map(([n, type], i) => ({ name: n, type, primaryKey: pk && i === 0 })),
      visitRows(rows),
    )
  const source: [string, FixtureType][] = [
    ['id', 'bigint'],
    ['unit', 'text'],
    ['visit_date', 'date'],
    ['fee', 'decimal(10,2)'],
    ['patient', 'text'],
    ['changed_at', 'timestamp'],
  ]
  const target: [string, FixtureType][] = [
    ['visit_key', 'bigint'],
    ['unit_code', 'text'],
    ['visit_day', 'timestamp'],
    ['fee_amount', 'decimal(12,2)'],
    ['patient_key', 'text'],
    ['source_changed_at', 'timestamp'],
  ]
  return {
    source: [fixtureSchema(language, 'src'), table('src.visit', source, [...BEFORE, ...AFTER], true)].join(
      '\n',
    ),
    target: [
      fixtureSchema(language, 'dw'),
      fixtureSchema(language, 'etl'),
      table(
        'dw.fact_visit',
        target,
        BEFORE.filter((v) => !lost(v)),
      ),
      table('dw.fact_visit_clean', target, [...BEFORE.filter((v) => !lost(v)), ...LOST]),
      fixtureTable(
        language,
        'etl.load_log',
        [
          { name: 'finished_at', type: 'timestamp' },
          { name: 'status', type: 'text' },
        ],
        [
          ['2026-11-19 03:05:00', 'succeeded'],
          [CUTOFF, 'succeeded'],
          [null, 'running'],
        ],
      ),
    ].join('\n'),
  }
}

const HEADER = (id: string, table: string, cutoff: boolean) => `id: ${id}
title: ${id}
description: test check ${id}
owner: tests
severity: high
source: { connection: src, table: src.visit }
target: { connection: dw, table: ${table} }
columns:
  - { name: id, source: id, target: visit_key }
  - { name: unit, source: unit, target: unit_code }
  - { name: day, source: visit_date, target: visit_day }
  - { name: fee, source: fee, target: fee_amount }
  - { name: patient, source: patient, target: patient_key }
  - { name: changed_at, source: changed_at, target: source_changed_at }
key: [id]
${cutoff ? `cutoff:\n  from: target\n  query: SELECT finished_at FROM etl.load_log WHERE status = 'succeeded'\n  source_column: changed_at\n  target_column: source_changed_at\n` : ''}assertions:
`

const DEFINITIONS: Record<string, string> = {
  'lost-day.yaml': `${HEADER('lost-day', 'dw.fact_visit', true)}  - kind: row_count
  - kind: row_count
    name: tolerant count
    tolerance: { percent: 5 }
  - kind: row_count
    group_by: [day, unit]
    max_groups_reported: 5
  - kind: aggregate
    column: fee
    functions: [sum, min, max, null_count]
  - kind: aggregate
    column: patient
    functions: [null_count, distinct_count]
  - kind: aggregate
    column: day
    functions: [min, max]
    values_sensitive: false # a date column: min/max are refused unless it says so; these days are synthetic
`,
  'clean.yaml': `${HEADER('clean', 'dw.fact_visit_clean', true)}  - kind: row_count
  - kind: row_count
    group_by: [day, unit]
  - kind: aggregate
    column: fee
    functions: [sum, min, max, null_count, distinct_count]
  - kind: freshness
    column: changed_at
    max_age: 30h
    max_lag: 1h
`,
  'no-cutoff.yaml': `${HEADER('no-cutoff', 'dw.fact_visit_clean', false)}  - kind: row_count
  - kind: freshness
    column: changed_at
    max_lag: 1h
`,
  'missing-table.yaml': `${HEADER('missing-table', 'dw.no_such_table', false)}  - kind: row_count
  - kind: aggregate
    column: fee
    functions: [sum, max]
`,
}

const sum = (rows: readonly Visit[]) => rows.reduce((s, v) => s + Math.round(Number(v.fee) * 100), 0)
const money = (cents: number) => (cents / 100).toString()

for (const engine of availableEngines()) {
  describe(`run on ${engine.name}`, () => {
    let dir: TempDir
    let source: TestDatabase
    let target: TestDatabase
    let definitions: CheckDefinition[]
    let run: RecordedRun
    const now = new Date('2026-11-20T06:30:00Z')
    const result = (check: string, assertion: string): CheckResult => {
      const found = run.results.find((r) => r.check === check && r.assertion === assertion)
      if (found === undefined)
        throw new Error(
          `no result ${check} ${assertion}; have ${run.results.map((r) => `${r.check}/${r.assertion}`).join(', ')}`,
        )
      return found
    }

    beforeAll(async () => {
      dir = await tempDir()
      source = await engine.createDatabase('src')
      target = await engine.createDatabase('dw')
      const sql = fixtures(engine.fixtureSql)
      await source.exec(sql.source)
      await target.exec(sql.target)
      for (const [name, text] of Object.entries(DEFINITIONS)) await dir.write(`checks/${name}`, text)
      definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
      const config = testConfig({ connections: [source.config, target.config], store: pgliteStore(dir.path) })
      run = await executeRun({ config, definitions, trigger: 'test', now: () => now, sleep: noSleep })
    })
    afterAll(async () => {
      await source?.cleanup()
      await target?.cleanup()
      await dir?.remove()
    })

    it('finds the lost unit-day in the total count, not within a 5% tolerance, and in exactly one group', () => {
      const kept = BEFORE.length - LOST.length
      expect(result('lost-day', 'row_count')).toMatchObject({
        status: 'fail',
        source: { rows: String(BEFORE.length) },
        target: { rows: String(kept) },
        difference: {
          absolute: String(-LOST.length),
          percent: Math.round((LOST.length / BEFORE.length) * 100 * 10_000) / 10_000,
        },
      })
      expect(result('lost-day', 'tolerant count').status).toBe('pass')
      const grouped = result('lost-day', 'row_count by day, unit')
      expect(grouped.status).toBe('fail')
      expect(grouped.details).toEqual({
        groups: [
          { group: { day: '2026-11-04T00:00:00', unit: 'U1' }, source: String(LOST.length), target: '0' },
        ],
        groupsDiffering: 1,
        rowsMissing: String(LOST.length),
        rowsExtra: '0',
      })
    })

    it('computes sums, extremes and NULL counts in the database and compares them exactly', () => {
      const kept = BEFORE.filter((v) => !lost(v))
      expect(result('lost-day', 'sum(fee)')).toMatchObject({
        status: 'fail',
        source: { sum: money(sum(BEFORE)) },
        target: { sum: money(sum(kept)) },
        difference: { absolute: money(-sum(LOST)) },
      })
      expect(result('lost-day', 'min(fee)')).toMatchObject({
        status: 'pass',
        source: { min: '1.25' },
        target: { min: '1.25' },
      })
      expect(result('lost-day', 'max(fee)')).toMatchObject({ status: 'pass', source: { max: '1250' } })
      const nulls = (rows: readonly Visit[]) => String(rows.filter((v) => v.patient === null).length)
      expect(result('lost-day', 'null_count(patient)')).toMatchObject({
        source: { null_count: nulls(BEFORE) },
        target: { null_count: nulls(kept) },
      })
      const distinct = (rows: readonly Visit[]) =>
        String(new Set(rows.flatMap((v) => (v.patient === null ? [] : [v.patient]))).size)
      expect(result('lost-day', 'distinct_count(patient)')).toMatchObject({
        source: { distinct_count: distinct(BEFORE) },
      })
      expect(result('lost-day', 'distinct_count(patient)').target).toEqual({ distinct_count: distinct(kept) })
    })

    it('compares a date with a timestamp column as the same day', () => {
      expect(result('lost-day', 'min(day)')).toMatchObject({
        status: 'pass',
        source: { min: '2026-11-01T00:00:00' },
        target: { min: '2026-11-01T00:00:00' },
      })
    })

    it('leaves rows changed after the cutoff out, so a faithful copy passes every assertion', () => {
      const clean = run.results.filter((r) => r.check === 'clean')
      expect(clean.map((r) => `${r.assertion}: ${r.status}`)).toEqual([
        'row_count: pass',
        'row_count by day, unit: pass',
        'sum(fee): pass',
        'min(fee): pass',
        'max(fee): pass',
        'null_count(fee): pass',
        'distinct_count(fee): pass',
        'freshness(changed_at): pass',
      ])
      expect(clean.every((r) => r.cutoff === '2026-11-20T03:10:00')).toBe(true)
    })

    it('passes the cutoff as a bound parameter and never as SQL text', async () => {
      const r = result('clean', 'row_count')
      // The condition as this engine's dialect spells it; opening a session sends nothing.
      const sourceEngine = engineFor(source.config.dialect)
      const session = sourceEngine.open(source.config)
      const d = sourceEngine.sql
      const condition = compileStatement(session.db, [
        `${d.quoteIdent('changed_at')} <= `,
        ...d.timestampParam({ param: 'x' }, 'timestamp'),
      ]).sql
      await session.close()
      expect(r.parameters.source).toEqual(['2026-11-20T03:10:00'])
      expect(r.parameters.target).toEqual(['2026-11-20T03:10:00'])
      expect(r.sql.source).not.toContain('2026-11-20')
      expect(r.sql.source).toContain(condition)
    })

    it('runs one scan per side for all non-grouped assertions of a check', () => {
      const profile = result('clean', 'sum(fee)').sql.source
      for (const key of ['row_count', 'min(fee)', 'null_count(fee)', 'freshness(changed_at)']) {
        expect(result('clean', key).sql.source).toBe(profile)
      }
      expect(profile?.match(/\bFROM\b/g)).toHaveLength(1)
      expect(result('clean', 'row_count by day, unit').sql.source).toMatch(/GROUP BY/)
    })

    it('without a cutoff, counts the rows changed after the load as a difference', () => {
      expect(result('no-cutoff', 'row_count')).toMatchObject({
        status: 'fail',
        difference: { absolute: String(-AFTER.length) },
      })
    })

    it('measures freshness against the run time and the source', () => {
      const fresh = result('clean', 'freshness(changed_at)')
      const newest = BEFORE.reduce((m, v) => (v.changedAt > m ? v.changedAt : m), '')
      expect(fresh.target).toMatchObject({ newest: newest.replace(' ', 'T') })
      // 2026-11-19 03:00 Stockholm (UTC+1) is 02:00Z; the run is at 06:30Z on the 20th.
      const stale = result('no-cutoff', 'freshness(changed_at)')
      expect(stale.status).toBe('fail')
      expect(stale.message).toMatch(/behind the source/)
    })

    it('reports a check that cannot run as an error for each assertion and still runs the others', () => {
      const missing = run.results.filter((r) => r.check === 'missing-table')
      expect(missing.map((r) => `${r.assertion}: ${r.status}`)).toEqual([
        'row_count: error',
        'sum(fee): error',
        'max(fee): error',
      ])
      expect(missing[0]?.error?.code).toBe('PLAN_INVALID')
      expect(missing[0]?.message).toMatch(/target table dw\.no_such_table does not exist on connection "dw"/)
      expect(run.results.filter((r) => r.check === 'clean').every((r) => r.status === 'pass')).toBe(true)
    })

    it('gives every result a message code whose English rendering is its message where the wording is shared', async () => {
      expect(run.results.filter((r) => !isMessageCode(r.messageCode)).map((r) => r.assertion)).toEqual([])
      const count = result('lost-day', 'row_count')
      expect(count).toMatchObject({
        messageCode: 'row_count.rows_missing',
        messageParams: { source: String(BEFORE.length), rows: String(LOST.length) },
      })
      expect(resultText(count, 'en')).toBe(count.message)
      expect(resultText(count, 'sv')).toMatch(/^målet har \d+ färre rader än källan/)
      expect(result('lost-day', 'row_count by day, unit')).toMatchObject({
        messageCode: 'row_count.groups_differ',
        messageParams: { differing: 1, groupBy: ['day', 'unit'] },
      })
      expect(result('no-cutoff', 'freshness(changed_at)').messageCode).toBe('freshness.stale')
      expect(result('missing-table', 'row_count')).toMatchObject({
        messageCode: 'check.could_not_run',
        messageParams: { errorCode: 'PLAN_INVALID' },
      })
      const store = await ResultsStore.open(pgliteStore(dir.path))
      try {
        const stored = await store.resultsOfRun(run.runId)
        const rows = (
          results: ReadonlyArray<{
            check: string
            assertion: string
            messageCode?: string | null
            messageParams?: unknown
          }>,
        ) =>
          results
            .map((r) => [`${r.check}/${r.assertion}`, r.messageCode, r.messageParams] as const)
            .sort((x, y) => x[0].localeCompare(y[0]))
        expect(rows(stored)).toEqual(rows(run.results))
      } finally {
        await store.close()
      }
    })

    it('records every result with the definition hash in the store', () => {
      expect(run.stored).toBe(true)
      expect(
        run.results.every((r) => r.definitionHash === definitions.find((d) => d.id === r.check)?.hash),
      ).toBe(true)
    })
  })
}
