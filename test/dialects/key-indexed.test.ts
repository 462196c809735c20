/**
 * The dialects' catalog question "does an ordered index lead with these key columns?" (SqlDialect.keyIndexed), run
 * read-only through a connection on every available engine against tables whose indexes are known, and its SQL
 * as golden text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionSet } from '../../src/connections/connection.js'
import { mssqlSql } from '../../src/dialects/mssql/mssql-sql.js'
import { postgresSql } from '../../src/dialects/postgres/postgres-sql.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { noSleep } from '../support/fixtures.js'

const TABLES = `
CREATE TABLE with_pk (id bigint NOT NULL PRIMARY KEY, a int, b int);
CREATE TABLE heap (id bigint, a int, b int);
CREATE TABLE later (id bigint, a int, b int);
CREATE INDEX later_a_id ON later (a, id);
CREATE TABLE composite (id bigint, a int, b int);
CREATE INDEX composite_a_b ON composite (a, b);
CREATE TABLE partial (id bigint, a int, b int);
CREATE INDEX partial_id ON partial (id) WHERE a > 0;
CREATE TABLE "Mixed Case" ("Id" bigint, a int);
CREATE INDEX mixed_id ON "Mixed Case" ("Id");
`

for (const engine of availableEngines()) {
  describe(`keyIndexed on ${engine.name}`, () => {
    let db: TestDatabase
    let connections: ConnectionSet

    beforeAll(async () => {
      db = await engine.createDatabase('catalog')
      await db.exec(engine.fixtureSql === 'postgres' ? TABLES : TABLES.replace(/"([^"]+)"/g, '[$1]'))
      connections = new ConnectionSet(new Map([['db', db.config]]), { sleep: noSleep })
    })

    afterAll(async () => {
      await connections?.close()
      await db?.cleanup()
    })

    const indexed = async (table: string, columns: readonly string[]) => {
      const connection = connections.get('db')
      const { rows } = await connection.query<{ indexed: unknown }>(
        connection.dialect.keyIndexed(engine.defaultSchema, table, columns),
      )
      return Number(rows[0]?.indexed)
    }

    it('finds a primary key and an index leading with the key, in order', async () => {
      expect(await indexed('with_pk', ['id'])).toBe(1)
      expect(await indexed('composite', ['a', 'b'])).toBe(1)
      expect(await indexed('composite', ['a'])).toBe(1)
      expect(await indexed('later', ['a'])).toBe(1)
      expect(await indexed('Mixed Case', ['Id'])).toBe(1)
    })

    it('finds none on a heap, for a column that is not the first, out of order, filtered, or missing', async () => {
      expect(await indexed('heap', ['id'])).toBe(0)
      expect(await indexed('later', ['id'])).toBe(0)
      expect(await indexed('composite', ['b', 'a'])).toBe(0)
      expect(await indexed('composite', ['b'])).toBe(0)
      expect(await indexed('partial', ['id'])).toBe(0)
      expect(await indexed('no_such_table', ['id'])).toBe(0)
      expect(await indexed('with_pk', ['a'])).toBe(0)
    })
  })
}

describe('keyIndexed SQL', () => {
  it('PostgreSQL: pg_index by to_regclass, one attnum per key position, names bound', () => {
    expect(postgresSql.keyIndexed('cosmic', 'visit', ['id', 'day'])).toEqual([
      'SELECT CAST(count(*) AS integer) AS indexed\nFROM pg_catalog.pg_index AS i\n',
      'JOIN pg_catalog.pg_class AS c ON c.oid = i.indexrelid\n',
      'JOIN pg_catalog.pg_am AS am ON am.oid = c.relam\n',
      'WHERE i.indrelid = to_regclass(CAST(',
      { param: '"cosmic"."visit"' },
      " AS text)) AND i.indisvalid AND i.indpred IS NULL AND am.amname = 'btree'",
      '\n  AND i.indkey[0] = (SELECT a.attnum FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = i.indrelid AND NOT a.attisdropped AND a.attname = CAST(',
      { param: 'id' },
      ' AS name))',
      '\n  AND i.indkey[1] = (SELECT a.attnum FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = i.indrelid AND NOT a.attisdropped AND a.attname = CAST(',
      { param: 'day' },
      ' AS name))',
    ])
  })

  it('SQL Server: sys.indexes by OBJECT_ID, key_ordinal per key position, names bound', () => {
    const exists = (ordinal: number) => [
      '\n  AND EXISTS (SELECT 1 FROM sys.index_columns AS ic JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id',
      ` WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal = ${ordinal} AND c.name = `,
    ]
    expect(mssqlSql.keyIndexed('dbo', 'Visit Log', ['id', 'day'])).toEqual([
      'SELECT COUNT(*) AS indexed\nFROM sys.indexes AS i\nWHERE i.object_id = OBJECT_ID(',
      { param: '[dbo].[Visit Log]' },
      ') AND i.type IN (1, 2) AND i.is_disabled = 0 AND i.is_hypothetical = 0 AND i.has_filter = 0',
      ...exists(1),
      { param: 'id' },
      ')',
      ...exists(2),
      { param: 'day' },
      ')',
    ])
  })
})
