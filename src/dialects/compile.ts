import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Statement } from './dialect.js'

/** Turns statement pieces into a Kysely raw builder: text stays text, parameters are bound. */
export function toRawBuilder(statement: Statement): RawBuilder<unknown> {
  return sql.join(
    statement.map((piece) => (typeof piece === 'string' ? sql.raw(piece) : sql.val(piece.param))),
    sql.raw(''),
  )
}

/**
 * Compiles a statement with the dialect of `db` for showing and recording: the exact text the server receives,
 * and its parameters, except that a parameter with a `display` text (a late-change key list) is that text, so its
 * value never reaches a result, a log or the control document. Parameters compile in statement order.
 */
export function compileStatement(
  db: Kysely<unknown>,
  statement: Statement,
): { sql: string; parameters: readonly unknown[] } {
  const compiled = toRawBuilder(statement).compile(db)
  const params = statement.filter((piece) => typeof piece !== 'string')
  return {
    sql: compiled.sql,
    parameters: compiled.parameters.map((value, i) => params[i]?.display ?? value),
  }
}
