import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Statement } from './dialect.js'

/** Turns statement pieces into a Kysely raw builder: text stays text, parameters are bound. */
export function toRawBuilder(statement: Statement): RawBuilder<unknown> {
  return sql.join(
    statement.map((piece) => (typeof piece === 'string' ? sql.raw(piece) : sql.val(piece.param))),
    sql.raw(''),
  )
}

/** Compiles a statement with the dialect of `db`: the exact text and parameters the server receives. */
export function compileStatement(
  db: Kysely<unknown>,
  statement: Statement,
): { sql: string; parameters: readonly unknown[] } {
  const compiled = toRawBuilder(statement).compile(db)
  return { sql: compiled.sql, parameters: compiled.parameters }
}
