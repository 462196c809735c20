import { Kysely, MssqlDialect } from 'kysely'
import * as tarn from 'tarn'
import * as tedious from 'tedious'
import { compileStatement } from '../../src/dialects/compile.js'
import type { Statement } from '../../src/dialects/dialect.js'

/**
 * A Kysely instance that only compiles T-SQL: golden tests need the dialect's query compiler, and a call to the
 * connection factory would mean a connection was attempted, which fails the test.
 */
export function mssqlCompiler(): {
  compile(statement: Statement): ReturnType<typeof compileStatement>
  destroy(): Promise<void>
} {
  const db = new Kysely<unknown>({
    dialect: new MssqlDialect({
      tarn: { ...tarn, options: { min: 0, max: 1 } },
      tedious: {
        ...tedious,
        connectionFactory: () => {
          throw new Error('compiling must not connect')
        },
      },
    }),
  })
  return { compile: (statement) => compileStatement(db, statement), destroy: () => db.destroy() }
}
