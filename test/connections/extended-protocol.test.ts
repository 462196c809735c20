import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Connection, QueryError } from '../../src/connections/connection.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'

/**
 * Each statement reaches PostgreSQL as one Parse message (the extended protocol), which holds one statement only.
 * Under the simple protocol this text would end the read-only transaction and drop the table in autocommit.
 */
const TWO_STATEMENTS = 'SELECT 1 AS one; COMMIT; DROP TABLE canary.t'

for (const engine of availableEngines({
  pgOnly: "PostgreSQL's extended protocol and read-only transaction",
})) {
  describe(`the connection layer on ${engine.name}`, () => {
    let db: TestDatabase
    let connection: Connection
    beforeAll(async () => {
      db = await engine.createDatabase('src')
      await db.exec(
        'CREATE SCHEMA canary; CREATE TABLE canary.t (id integer); INSERT INTO canary.t VALUES (1), (2);',
      )
      connection = new Connection(db.config)
    })
    afterAll(async () => {
      await connection?.close()
      await db?.cleanup()
    })

    it('refuses a text of several statements before running any of them, and the table survives', async () => {
      const refused = await connection.query([TWO_STATEMENTS]).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(refused).toBeInstanceOf(QueryError)
      expect((refused as QueryError).message).toMatch(
        /cannot insert multiple commands into a prepared statement/,
      )
      const survived = await connection.query<{ n: number }>(['SELECT count(*)::int AS n FROM canary.t'])
      expect(survived.rows).toEqual([{ n: 2 }])
    })

    it('still runs one statement without parameters, in the read-only transaction', async () => {
      const one = await connection.query<{ one: number }>(['SELECT 1 AS one'])
      expect(one.rows).toEqual([{ one: 1 }])
      await expect(connection.query(['DELETE FROM canary.t'])).rejects.toThrow(/read-only transaction/)
    })
  })
}

for (const engine of availableEngines()) {
  describe(`the parameter limit on ${engine.name}`, () => {
    let db: TestDatabase
    let connection: Connection
    beforeAll(async () => {
      db = await engine.createDatabase('src')
      connection = new Connection(db.config)
    })
    afterAll(async () => {
      await connection?.close()
      await db?.cleanup()
    })

    it("refuses a statement binding more parameters than the dialect's maxParameters, before sending it", async () => {
      const limit = connection.dialect.maxParameters
      const params = Array.from({ length: limit + 1 }, (_, i) => [i === 0 ? '' : ', ', { param: i }]).flat()
      const refused = await connection.query(['SELECT 1 AS one WHERE 1 IN (', ...params, ')']).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(refused).toBeInstanceOf(QueryError)
      expect((refused as QueryError).message).toContain(`binds ${limit + 1} parameters`)
      expect((refused as QueryError).durationMs).toBe(0)
    })
  })
}
