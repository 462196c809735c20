import { type Kysely, sql } from 'kysely'
import { toRawBuilder } from '../compile.js'
import type { Statement } from '../dialect.js'

/**
 * Runs a statement in a READ ONLY transaction with a statement timeout, the PostgreSQL way of being gentle:
 * the server refuses any write and cancels the statement itself when the timeout passes. Dates and timestamps
 * are written in ISO style within it. Every statement here, the fixed BEGIN, SET TRANSACTION and set_config ones
 * included, goes through the extended protocol (see extended-protocol.ts; PGlite's `query()` always does), one
 * statement per Parse: a text that tried to end the transaction and add a statement of its own is refused.
 */
export async function runReadOnlyPostgres<Row>(
  db: Kysely<unknown>,
  statement: Statement,
  timeoutMs: number,
): Promise<{ rows: Row[]; sql: string; parameters: readonly unknown[] }> {
  let failure: unknown
  try {
    return await runInTransaction<Row>(db, statement, timeoutMs, (error) => {
      failure ??= error
    })
  } catch (error: unknown) {
    // When the connection died mid-query, Kysely's ROLLBACK fails too ("not queryable") and its error would hide
    // the real one, which says the connection was lost and so is retried: report the statement's own failure.
    throw failure ?? error
  }
}

function runInTransaction<Row>(
  db: Kysely<unknown>,
  statement: Statement,
  timeoutMs: number,
  onFailure: (error: unknown) => void,
): Promise<{ rows: Row[]; sql: string; parameters: readonly unknown[] }> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      // Said again inside the transaction, whatever the driver passes on.
      await sql.raw('SET TRANSACTION READ ONLY').execute(trx)
      // DateStyle ISO (the output part only; the server's day/month order for input is kept): checksum fields
      // rely on dates and timestamps being written YYYY-MM-DD HH:MM:SS[.fraction] whatever the server's setting.
      await sql
        .raw(
          `SELECT set_config('statement_timeout', '${Math.max(1, Math.floor(timeoutMs))}', true), set_config('DateStyle', 'ISO', true)`,
        )
        .execute(trx)
      const compiled = toRawBuilder(statement).compile(trx)
      try {
        const result = await trx.executeQuery<Row>(compiled)
        return { rows: [...result.rows], sql: compiled.sql, parameters: compiled.parameters }
      } catch (error: unknown) {
        onFailure(error)
        throw error
      }
    })
}
