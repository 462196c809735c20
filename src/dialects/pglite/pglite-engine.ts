import { existsSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { PGliteDialect } from './kysely-pglite.js'
import type { ConnectionConfig, PgliteConnectionConfig } from '../../config/types.js'
import { ReconcileError } from '../../errors/errors.js'
import type { Engine } from '../dialect.js'
import { classifyPostgresError } from '../postgres/postgres-engine.js'
import { postgresSql } from '../postgres/postgres-sql.js'
import { runReadOnlyPostgres } from '../postgres/read-only.js'

function asPglite(config: ConnectionConfig): PgliteConnectionConfig {
  if (config.dialect !== 'pglite') throw new TypeError(`connection ${config.name} is not a PGlite connection`)
  return config
}

/**
 * Opens an existing PGlite database. PGlite would silently create an empty database at a mistyped path, and a
 * comparison against an empty database would raise a misleading alarm, so a missing database is an error.
 */
export async function openExistingPglite(dir: string): Promise<PGlite> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new ReconcileError(
      'CONNECTION_UNREACHABLE',
      `no PGlite database at ${dir} (for the demo, run "npm run demo" first)`,
    )
  }
  return PGlite.create(dir)
}

/**
 * Embedded PostgreSQL (WASM) engine: the demo's and tests' default. It runs inside this process, one query at a
 * time; the statement timeout is set as on PostgreSQL but PGlite cannot interrupt a running statement.
 */
export const pgliteEngine: Engine = {
  sql: postgresSql,
  open(config) {
    const c = asPglite(config)
    const db = new Kysely<unknown>({
      dialect: new PGliteDialect({ pglite: () => openExistingPglite(c.path) }),
    })
    return {
      db,
      readOnly: (statement) => runReadOnlyPostgres(db, statement, c.statementTimeoutMs),
      close: () => db.destroy(),
    }
  },
  classify(error) {
    if (error instanceof ReconcileError && error.code === 'CONNECTION_UNREACHABLE') return 'unreachable'
    return classifyPostgresError(error)
  },
  describeTarget: (config) => `PGlite ${asPglite(config).path}`,
}
