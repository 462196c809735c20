/**
 * The grouped scan of locating must hash its few buckets, not sort every row: on PostgreSQL and PGlite the
 * dialect's `hashGroupBy` hides the bucket expression from the planner's group estimate (docs/checksum.md, "Hash
 * aggregation"). The plan is read with EXPLAIN on a table large enough for the planner to choose freely. SQL
 * Server's shape (`OPTION (HASH GROUP)`) is pinned as text in mssql-checksum-sql.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Connection } from '../../src/connections/connection.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'

for (const engine of availableEngines().filter((e) => e.fixtureSql === 'postgres')) {
  describe(`grouped locate scan on ${engine.name}`, () => {
    let db: TestDatabase
    let connection: Connection

    beforeAll(async () => {
      db = await engine.createDatabase('grouped')
      await db.exec(
        'CREATE TABLE item (id bigint, line smallint, note text);\n' +
          "INSERT INTO item SELECT g, g % 4, 'note ' || g FROM generate_series(1, 50000) AS g;\n" +
          'ANALYZE item;',
      )
      connection = new Connection(db.config)
    })

    afterAll(async () => {
      await connection?.close()
      await db?.cleanup()
    })

    it('plans a hash aggregate over the buckets, with no sort of the rows', async () => {
      const d = connection.dialect
      const bucket = d.integerBucket(['t.id', 't.line'], 1024n)
      const grouped = d.hashGroupBy(
        `s.seg AS seg, ${d.countRows()} AS n, ${d.sumRowHashes('s.h')} AS h`,
        [`SELECT ${bucket} AS seg, ${d.rowHash('t.note')} AS h FROM item AS t`],
        's',
        's.seg',
      )
      const { rows } = await connection.query<Record<string, unknown>>(['EXPLAIN ', ...grouped])
      const plan = rows.map((r) => String(Object.values(r)[0])).join('\n')
      expect(plan).toMatch(/HashAggregate/)
      expect(plan).not.toMatch(/\bSort\b/)
      // And it counts: every row in exactly one of the 1,024 buckets.
      const counted = await connection.query<Record<string, unknown>>(grouped)
      expect(counted.rows.length).toBeLessThanOrEqual(1024)
      expect(counted.rows.reduce((n, r) => n + Number(r.n), 0)).toBe(50_000)
    })
  })
}
