import { type Kysely, sql } from 'kysely'
import { toRawBuilder } from '../compile.js'
import type { Statement } from '../dialect.js'

/**
 * Runs a statement in a READ ONLY transaction with a statement timeout, the PostgreSQL way of being gentle:
 * the server refuses any write and cancels the statement itself when the timeout passes.
 */
export async function runReadOnlyPostgres<Row>(
  db: Kysely<unknown>,
  statement: Statement,
  timeoutMs: number,
): Promise<{ rows: Row[]; sql: string; parameters: readonly unknown[] }> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      // Said again inside the transaction: Kysely's PGlite driver does not pass the access mode on.
      await sql.raw('SET TRANSACTION READ ONLY').execute(trx)
      await sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`).execute(trx)
      const compiled = toRawBuilder(statement).compile(trx)
      const result = await trx.executeQuery<Row>(compiled)
      return { rows: [...result.rows], sql: compiled.sql, parameters: compiled.parameters }
    })
}
