import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { executeRun, type RecordedRun } from '../../src/runner/run.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/**
 * A copy made by a plain INSERT into columns of fewer digits: a timestamp(3) into a timestamp(0) and a
 * numeric(12,4) into a numeric(12,2). PostgreSQL rounds on the way in (as SQL Server does, see docs/checksum.md),
 * so the copy compares equal at `precision: 0` and `scale: 2` with the default `rounding: round`, and differs on
 * exactly the rows whose dropped digits round up when the column says `rounding: truncate`.
 */
const VALUES: Array<[number, string, string]> = [
  [1, '2026-11-20 10:15:30.499', '10.1249'],
  [2, '2026-11-20 10:15:30.500', '10.1250'],
  [3, '2026-11-20 23:59:59.999', '-3.0050'],
  [4, '2026-11-20 08:00:00.000', '7.0000'],
  [5, '2026-11-20 08:00:00.200', '0.0049'],
]
/** Rows whose dropped digits round up, in the timestamp and the fee alike: 2 and 3. */
const ROUNDED_UP = 2

const SETUP = `
CREATE SCHEMA s;
CREATE TABLE s.visit (id integer PRIMARY KEY, changed_at timestamp(3), fee numeric(12,4));
INSERT INTO s.visit VALUES ${VALUES.map(([id, ts, fee]) => `(${id}, TIMESTAMP '${ts}', ${fee})`).join(', ')};
CREATE TABLE s.copy (id integer PRIMARY KEY, changed_at timestamp(0), fee numeric(12,2));
INSERT INTO s.copy SELECT id, changed_at, fee FROM s.visit;`

const check = (id: string, rounding: string) => `id: ${id}
title: ${id}
description: copy at lower precision, ${rounding}
owner: tests
severity: low
source: { connection: db, table: s.visit }
target: { connection: db, table: s.copy }
columns:
  - id
  - { source: changed_at, target: changed_at, precision: 0${rounding === '' ? '' : `, rounding: ${rounding}`} }
  - { source: fee, target: fee, scale: 2${rounding === '' ? '' : `, rounding: ${rounding}`} }
key: [id]
key_sensitive: false
assertions:
  - kind: checksum
`

for (const engine of availableEngines({ pgOnly: 'fixtures use PostgreSQL types and casts' })) {
  describe(`precision and scale of a lower-precision copy on ${engine.name}`, () => {
    let dir: TempDir
    let db: TestDatabase
    let run: RecordedRun

    beforeAll(async () => {
      dir = await tempDir()
      db = await engine.createDatabase('db')
      await db.exec(SETUP)
      await dir.write('checks/rounded.yaml', check('rounded', ''))
      await dir.write('checks/truncated.yaml', check('truncated', 'truncate'))
      const definitions = await definitionsIn(`${dir.path}/checks`, ['db'])
      const config = testConfig({ connections: [db.config], store: pgliteStore(dir.path) })
      run = await executeRun({ config, definitions, trigger: 'test', sleep: noSleep })
    })
    afterAll(async () => {
      await db?.cleanup()
      await dir?.remove()
    })

    it('the engine rounds when it stores fewer digits: half away from zero, carrying into the day', async () => {
      const query = 'SELECT id, CAST(changed_at AS text) AS t, CAST(fee AS text) AS f FROM s.copy ORDER BY id'
      let rows: Array<{ id: number; t: string; f: string }>
      if (engine.name === 'pglite') {
        const client = new PGlite(db.location)
        rows = (await client.query<{ id: number; t: string; f: string }>(query)).rows
        await client.close()
      } else {
        const client = new pg.Client({ connectionString: db.location })
        await client.connect()
        rows = (await client.query<{ id: number; t: string; f: string }>(query)).rows
        await client.end()
      }
      expect(rows.map((r) => [r.t, r.f])).toEqual([
        ['2026-11-20 10:15:30', '10.12'],
        ['2026-11-20 10:15:31', '10.13'],
        ['2026-11-21 00:00:00', '-3.01'],
        ['2026-11-20 08:00:00', '7.00'],
        ['2026-11-20 08:00:00', '0.00'],
      ])
    })

    it('compares the copy equal with precision 0 and scale 2, rounded (the default)', () => {
      const r = run.results.find((x) => x.check === 'rounded')
      expect(r?.status).toBe('pass')
    })

    it('with rounding: truncate, finds exactly the rows whose dropped digits rounded up', () => {
      const r = run.results.find((x) => x.check === 'truncated')
      expect(r?.status).toBe('fail')
      expect(r?.details?.checksum).toMatchObject({ changed: ROUNDED_UP, missing: 0, extra: 0 })
    })
  })
}
