import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engineFor } from '../../src/dialects/registry.js'
import { executeRun, type RecordedRun } from '../../src/runner/run.js'
import { ResultsStore } from '../../src/store/results-store.js'
import type { CheckResult } from '../../src/results/types.js'
import { availableEngines, type TestDatabase, type TestEngine } from '../support/engines.js'
import { type FixtureType, fixtureSchema, fixtureTable } from '../support/fixture-sql.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/**
 * A live source after its load. The copy (dw.visit) holds the 600 source rows as they were at the load's start
 * (the cutoff). Since then the source has had 40 rows updated (new fee), 25 inserted and 5 deleted. Separately, the
 * copy dw.visit_faulty has two real faults among the late changes: 3 rows missing and 7 rows with a wrong fee, in
 * interleaved by key with the late changes. Expected figures are computed here from the same arrays.
 */
interface Visit {
  id: number
  unit: string
  fee: string
  changedAt: string
}

const CUTOFF = '2026-11-20 01:00:00'
const ORIGINAL: Visit[] = Array.from({ length: 600 }, (_, k) => ({
  id: k + 1,
  unit: `U${k % 4}`,
  fee: ((k + 1) * 1.5).toFixed(2),
  changedAt: `2026-11-${String(10 + (k % 9)).padStart(2, '0')} 1${k % 10}:00:00`,
}))
const UPDATED = new Set(ORIGINAL.filter((v) => v.id % 15 === 0).map((v) => v.id)) // 40 rows
const DELETED = new Set([3, 4, 301, 302, 599])
const INSERTED: Visit[] = Array.from({ length: 25 }, (_, k) => ({
  id: 1000 + k,
  unit: 'U1',
  fee: '12.00',
  changedAt: '2026-11-20 05:00:00',
}))
const MISSING = new Set([16, 29, 331]) // next to updated rows 15, 30 and 330
const WRONG_FEE = new Set([14, 31, 44, 46, 89, 91, 449])

const live = [
  ...ORIGINAL.filter((v) => !DELETED.has(v.id)).map((v) =>
    UPDATED.has(v.id) ? { ...v, fee: '0.50', changedAt: '2026-11-20 02:30:00' } : v,
  ),
  ...INSERTED,
]
const faulty = ORIGINAL.filter((v) => !MISSING.has(v.id)).map((v) =>
  WRONG_FEE.has(v.id) ? { ...v, fee: (Number(v.fee) + 0.01).toFixed(2) } : v,
)

/** The source's and the target's tables, in the engine's SQL. */
function fixtures(language: TestEngine['fixtureSql']): { source: string; target: string } {
  const table = (
    name: string,
    names: readonly string[],
    rows: readonly Visit[],
    fee: FixtureType,
    pk = false,
  ) =>
    fixtureTable(
      language,
      name,
      names.map((n, i) => ({
        name: n,
        type: (['bigint', 'text', fee, 'timestamp'] as const)[i] ?? 'text',
        primaryKey: pk && i === 0,
      })),
      rows.map((v) => [v.id, v.unit, v.fee, v.changedAt]),
    )
  const target = ['visit_key', 'unit_code', 'fee_amount', 'changed_at']
  return {
    source: [
      fixtureSchema(language, 'src'),
      table('src.visit', ['id', 'unit', 'fee', 'changed_at'], live, 'decimal(10,2)', true),
    ].join('\n'),
    target: [
      fixtureSchema(language, 'dw'),
      fixtureSchema(language, 'etl'),
      table('dw.visit', target, ORIGINAL, 'decimal(12,2)'),
      // A primary key on both sides, which locating ignores: 'faulty' (one key column) and 'composite' (two) both by buckets.
      table('dw.visit_faulty', target, faulty, 'decimal(12,2)', true),
      fixtureTable(
        language,
        'etl.load_log',
        [
          { name: 'started_at', type: 'timestamp' },
          { name: 'finished_at', type: 'timestamp' },
        ],
        [[CUTOFF, '2026-11-20 01:40:00']],
      ),
    ].join('\n'),
  }
}

const definition = (id: string, table: string, late: string, key = '[id]') => `id: ${id}
title: ${id}
description: late changes test ${id}
owner: tests
severity: high
source: { connection: src, table: src.visit }
target: { connection: dw, table: ${table} }
columns:
  - { name: id, source: id, target: visit_key }
  - { name: unit, source: unit, target: unit_code }
  - { name: fee, source: fee, target: fee_amount }
  - changed_at
key: ${key}
key_sensitive: false
cutoff:
  from: target
  query: SELECT started_at FROM etl.load_log
  target_column: changed_at
${late}assertions:
  - kind: row_count
  - kind: row_count
    group_by: [unit]
  - kind: aggregate
    column: fee
    functions: [sum]
  - kind: checksum
    segment_rows: 16
  - kind: freshness
    name: fresh at the cutoff
    column: changed_at
    max_age: 36h
    max_age_from: cutoff
  - kind: freshness
    name: fresh now
    column: changed_at
    max_age: 36h
`

const LATE = 'late_changes: { source_column: changed_at }\n'
const DEFINITIONS: Record<string, string> = {
  'faithful.yaml': definition('faithful', 'dw.visit', LATE),
  'faulty.yaml': definition('faulty', 'dw.visit_faulty', LATE),
  'composite.yaml': definition('composite', 'dw.visit_faulty', LATE, '[unit, id]'),
  'too-many.yaml': definition(
    'too-many',
    'dw.visit',
    'late_changes: { source_column: changed_at, max_keys: 64 }\n',
  ),
  'unaware.yaml': definition('unaware', 'dw.visit', ''),
}

const fees = (rows: readonly Visit[]) => rows.reduce((s, v) => s + Math.round(Number(v.fee) * 100), 0)

for (const engine of availableEngines()) {
  describe(`late changes on ${engine.name}`, () => {
    let dir: TempDir
    let source: TestDatabase
    let target: TestDatabase
    let run: RecordedRun
    const now = new Date('2026-11-22T12:00:00Z')
    const result = (check: string, assertion: string): CheckResult => {
      const found = run.results.find((r) => r.check === check && r.assertion === assertion)
      if (found === undefined) throw new Error(`no result ${check}/${assertion}`)
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
      const definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
      const config = testConfig({ connections: [source.config, target.config], store: pgliteStore(dir.path) })
      run = await executeRun({ config, definitions, trigger: 'test', now: () => now, sleep: noSleep })
    })
    afterAll(async () => {
      await source?.cleanup()
      await target?.cleanup()
      await dir?.remove()
    })

    it('leaves updated and inserted rows out on both sides and says how many', () => {
      const faithful = run.results.filter((r) => r.check === 'faithful')
      expect(faithful.every((r) => r.lateChanges?.method === 'keys' && r.lateChanges.rows === 65)).toBe(true)
      // The 40 updated rows are compared on neither side: the sums differ by the deleted rows' fees only.
      const deleted = ORIGINAL.filter((v) => DELETED.has(v.id))
      expect(result('faithful', 'sum(fee)').difference?.absolute).toBe((fees(deleted) / 100).toString())
      expect(result('faithful', 'checksum').details?.checksum).toMatchObject({ changed: 0 })
      expect(result('faithful', 'fresh at the cutoff').status).toBe('pass')
    })

    it('shows rows deleted after the load as extra in the target, saying they may have been deleted', () => {
      const kept = ORIGINAL.length - UPDATED.size
      expect(result('faithful', 'row_count')).toMatchObject({
        status: 'fail',
        source: { rows: String(kept - DELETED.size) },
        target: { rows: String(kept) },
      })
      const checksum = result('faithful', 'checksum')
      expect(checksum.details?.checksum).toMatchObject({ missing: 0, extra: DELETED.size, changed: 0 })
      expect(checksum.message).toContain(
        `${DELETED.size} extra in the target (may have been deleted in the source after the load)`,
      )
    })

    it('finds faults hidden among late changes with exact counts', () => {
      const compared = ORIGINAL.filter((v) => !UPDATED.has(v.id))
      const faulty = compared.filter((v) => !MISSING.has(v.id))
      const sourceSum = fees(compared.filter((v) => !DELETED.has(v.id)))
      const targetSum = fees(faulty) + WRONG_FEE.size
      for (const check of ['faulty', 'composite']) {
        expect(result(check, 'checksum').details?.checksum).toMatchObject({
          strategy: 'buckets',
          missing: MISSING.size,
          extra: DELETED.size,
          changed: WRONG_FEE.size,
          complete: true,
        })
        expect(result(check, 'sum(fee)')).toMatchObject({
          status: 'fail',
          source: { sum: (sourceSum / 100).toString() },
          target: { sum: (targetSum / 100).toString() },
        })
      }
    })

    it('passes the keys as one parameter that results show only as a count', () => {
      const r = result('faulty', 'checksum')
      expect(r.parameters.source).toContain('<65 late-change keys>')
      expect(r.parameters.target).toContain('<65 late-change keys>')
      const recorded = JSON.stringify(r)
      expect(recorded).not.toMatch(/"k0"/)
      // The exclusion as this engine's dialect spells it, up to the key list parameter.
      const exclusion = engineFor(target.config.dialect).sql.excludeKeys([{ expr: 'x', family: 'integer' }], {
        param: '[]',
      })[0]
      expect(r.sql.target).toContain(exclusion)
      // The cutoff for target_column, and the key list.
      expect(r.parameters.target).toEqual(['2026-11-20T01:00:00', '<65 late-change keys>'])
    })

    it('makes the check an error, never a pass, when more rows changed than max_keys allows', () => {
      const tooMany = run.results.filter((r) => r.check === 'too-many')
      expect(tooMany.length).toBeGreaterThan(0)
      for (const r of tooMany) {
        expect(r.status).toBe('error')
        expect(r.error?.code).toBe('LATE_CHANGES_LIMIT')
        expect(r.message).toMatch(
          /more than 64 source rows changed after the cutoff.*Raise max_keys in .*too-many\.yaml/,
        )
      }
    })

    it('without late_changes, the updated rows raise alarms on values', () => {
      expect(result('unaware', 'sum(fee)').status).toBe('fail')
      expect(result('unaware', 'checksum').details?.checksum).toMatchObject({ changed: UPDATED.size })
      expect(result('unaware', 'checksum').lateChanges).toBeNull()
    })

    it('measures freshness from the cutoff when asked, from the run time otherwise', () => {
      expect(result('unaware', 'fresh at the cutoff').status).toBe('pass')
      expect(result('unaware', 'fresh now')).toMatchObject({ status: 'fail' })
      expect(result('unaware', 'fresh now').message).toMatch(/old \(allowed/)
    })

    it('records the late-change count in the store, never the keys', async () => {
      expect(run.stored).toBe(true)
      const store = await ResultsStore.open(pgliteStore(dir.path))
      try {
        const stored = await store.resultsOfRun(run.runId)
        const faulty = stored.filter((r) => r.check === 'faulty')
        expect(faulty.length).toBeGreaterThan(0)
        expect(faulty.every((r) => r.lateChanges?.method === 'keys' && r.lateChanges.rows === 65)).toBe(true)
        expect(stored.find((r) => r.check === 'unaware')?.lateChanges).toBeNull()
      } finally {
        await store.close()
      }
    })
  })
}
