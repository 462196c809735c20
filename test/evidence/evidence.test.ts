import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evidenceCommand } from '../../src/cli/commands/evidence.js'
import { csvField, evidenceCsv } from '../../src/evidence/csv.js'
import { collectEvidence, parseDate } from '../../src/evidence/evidence.js'
import { StoreQueries } from '../../src/store/store-queries.js'
import { openStoreForReading } from '../../src/store/open-for-reading.js'
import { captureIo } from '../support/capture-io.js'
import { availableEngines } from '../support/engines.js'
import { ORDERS_CHECK, type SmallStore, smallStore } from './small-store.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')

describe('csv and dates', () => {
  it('quotes fields and defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvField('-589')).toBe('-589')
    expect(csvField('-x')).toBe("'-x")
    expect(csvField(null)).toBe('')
  })

  it('accepts only real dates', () => {
    expect(parseDate('2026-02-28')).toBe('2026-02-28')
    expect(parseDate('2026-02-30')).toBeUndefined()
    expect(parseDate('26-2-3')).toBeUndefined()
  })
})

describe.skipIf(pglite === undefined)('evidence of a period', () => {
  let small: SmallStore
  let queries: StoreQueries

  beforeAll(async () => {
    if (pglite === undefined) return
    small = await smallStore(pglite, 10)
    // Stockholm is UTC+1 in March before the DST change: 03:15 local is 02:15Z.
    await small.runAt('2026-03-01T02:15:00Z')
    await small.runAt('2026-03-02T02:15:00Z')
    // No run on 2026-03-03. On 03-04 the copy has lost two orders.
    await small.ci.exec('DELETE FROM dw.orders WHERE id > 8')
    await small.runAt('2026-03-04T02:15:00Z')
    await small.writeCheck(ORDERS_CHECK('{ absolute: 5 }'))
    await small.runAt('2026-03-05T02:15:00Z')
    // A run that started on 03-06 and never finished (the process was killed).
    const store = await PGlite.create(path.join(small.dir.path, 'store'))
    await store.exec(
      `INSERT INTO reconcile_runs (run_id, started_at, status, installation, host, trigger, tool_version, checks)
       VALUES ('killed-run', '2026-03-06T02:15:00Z', 'running', 'test', 'host', 'schedule', '0.1.0', 1)`,
    )
    await store.close()
    queries = new StoreQueries(await openStoreForReading(small.config.store))
  })
  afterAll(async () => {
    await queries?.close()
    await small?.cleanup()
  })

  const collect = (from: string, to: string) =>
    collectEvidence(queries, {
      from,
      to,
      timezone: 'Europe/Stockholm',
      installation: 'test',
      now: () => new Date('2026-03-07T11:00:00Z'),
    })

  it('lists every night, and says which did not run or did not finish', async () => {
    const evidence = await collect('2026-03-01', '2026-03-10')
    expect(evidence.nights.map((n) => [n.date, n.status])).toEqual([
      ['2026-03-01', 'ran'],
      ['2026-03-02', 'ran'],
      ['2026-03-03', 'not_run'],
      ['2026-03-04', 'ran'],
      ['2026-03-05', 'ran'],
      ['2026-03-06', 'not_finished'],
      ['2026-03-07', 'not_run'],
    ])
    expect(evidence.runs).toHaveLength(5)
    expect(evidence.results).toHaveLength(8)
    const failed = evidence.results.filter((r) => r.status === 'fail')
    // The widened row-count tolerance of 03-05 lets two missing rows pass; the fee sum still fails.
    expect(failed.map((r) => r.assertion).sort()).toEqual(['row_count', 'sum(fee)', 'sum(fee)'])
    expect(failed.find((r) => r.assertion === 'row_count')?.difference?.absolute).toBe('-2')
    // Both failing nights belong to the one incident the first failure opened; passing results to none.
    expect(evidence.incidentsRecorded).toBe(true)
    const ids = new Set(failed.map((r) => r.incidentId))
    expect(ids.size).toBe(1)
    expect([...ids][0]).toEqual(expect.any(String))
    expect(evidence.results.filter((r) => r.status === 'pass').every((r) => r.incidentId === null)).toBe(true)
  })

  it('lists the definition changes first seen in the period', async () => {
    const all = await collect('2026-03-01', '2026-03-07')
    expect(all.definitionChanges.map((c) => [c.check, c.previousHash === null])).toEqual([
      ['orders', true],
      ['orders', false],
    ])
    const later = await collect('2026-03-02', '2026-03-07')
    expect(later.definitionChanges).toHaveLength(1)
    const change = later.definitionChanges[0]
    expect(change?.firstSeenAt.toISOString().slice(0, 10)).toBe('2026-03-05')
    expect(change?.previousHash).toBe(all.definitionChanges[0]?.hash)
  })

  it('limits runs and results to the period, in local dates', async () => {
    const evidence = await collect('2026-03-04', '2026-03-04')
    expect(evidence.runs).toHaveLength(1)
    expect(evidence.results.every((r) => r.runId === evidence.runs[0]?.runId)).toBe(true)
  })

  it('writes CSV without SQL text and with both UTC and local times', async () => {
    const files = evidenceCsv(await collect('2026-03-01', '2026-03-07'))
    expect(Object.keys(files).sort()).toEqual([
      'definition-changes.csv',
      'nights.csv',
      'results.csv',
      'runs.csv',
    ])
    const results = files['results.csv'] ?? ''
    expect(results.split('\r\n')[0]).toBe(
      'run_id,evaluated_at_utc,evaluated_at_local,check,assertion,kind,status,source,target,difference,difference_percent,cutoff,definition_hash,incident_id,error_code,message',
    )
    expect(results).toContain(
      '2026-03-04T02:15:00.000Z,2026-03-04 03:15:00,orders,row_count,row_count,fail,rows=10,rows=8,-2,20',
    )
    expect(results).not.toMatch(/SELECT/i)
    expect(files['nights.csv']).toContain('2026-03-03,not_run,')
  })

  it('the command writes the files and names the missed nights', async () => {
    const config = await small.dir.write(
      'config/reconcile.yaml',
      `installation: Evidence test
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
connections:
  cosmic: { dialect: pglite, path: ${small.cosmic.location} }
  ci: { dialect: pglite, path: ${small.ci.location} }
`,
    )
    await queries.close()
    const io = captureIo()
    const out = path.join(small.dir.path, 'evidence')
    const code = await evidenceCommand(
      {
        configFile: config,
        from: '2026-03-01',
        to: '2026-03-07',
        format: 'csv',
        out,
        now: () => new Date('2026-03-07T11:00:00Z'),
      },
      io,
    )
    expect(io.stderr()).toBe('')
    expect(code).toBe(0)
    expect(io.stdout()).toContain(
      'Nights without a complete run: 2026-03-03 (not run), 2026-03-06 (not finished), 2026-03-07 (not run).',
    )
    expect(await readFile(path.join(out, 'runs.csv'), 'utf8')).toContain('killed-run')
    queries = new StoreQueries(await openStoreForReading(small.config.store))
  })

  it('rejects a reversed period and csv without a directory', async () => {
    const io = captureIo()
    expect(
      await evidenceCommand({ configFile: 'x', from: '2026-03-05', to: '2026-03-01', format: 'csv' }, io),
    ).toBe(3)
    expect(io.stderr()).toContain('--from 2026-03-05 is after --to 2026-03-01')
    expect(io.stderr()).toContain('--format csv writes four files: give --out DIR')
  })
})
