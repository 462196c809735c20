import { existsSync } from 'node:fs'
import path from 'node:path'
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { StoreConfig } from '../config/types.js'
import { describeError, ReconcileError } from '../errors/errors.js'
import { listenForPoolErrors } from '../dialects/postgres/pool-errors.js'
import { LockedPgliteDialect } from './locked-pglite.js'
import { describeStore } from './results-store.js'
import type { StoreDatabase } from './schema.js'

/**
 * Opens the results store for reading only, without applying migrations: the explain, evidence and serve commands
 * never write. PostgreSQL sessions are opened with `default_transaction_read_only`; the PGlite session is set read
 * only right after it opens. Throws STORE_UNAVAILABLE naming the store when it does not exist or does not answer.
 *
 * A PGlite store is a directory one process may open at a time: it is opened under the store's lock only while a
 * query runs, so a dashboard and a run take turns (see locked-pglite.ts).
 */
export async function openStoreForReading(config: StoreConfig): Promise<Kysely<StoreDatabase>> {
  const description = describeStore(config)
  let db: Kysely<StoreDatabase>
  if (config.kind === 'pglite') {
    // PGlite would create an empty database in a missing directory; a reader must not create anything.
    if (!existsSync(path.join(config.path, 'PG_VERSION'))) {
      throw new ReconcileError(
        'STORE_UNAVAILABLE',
        `there is no results store at ${config.path} yet: "reconcile run" creates it with the first run`,
      )
    }
    db = new Kysely<StoreDatabase>({
      dialect: new LockedPgliteDialect({
        dir: config.path,
        create: false,
        lockTimeoutMs: config.lockTimeoutMs,
        // Said on every opening: the store is closed whenever it is idle, so that writers can take their turn.
        onOpen: async (connection) => {
          await connection.executeQuery(CompiledQuery.raw('SET default_transaction_read_only = on'))
        },
      }),
    })
  } else {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 4,
      connectionTimeoutMillis: 10_000,
      application_name: 'cosmic-reconcile-reader',
      options: '-c default_transaction_read_only=on',
    })
    listenForPoolErrors(pool)
    db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) })
  }
  try {
    const { rows } = await sql<{
      found: string | null
    }>`SELECT to_regclass('reconcile_runs')::text AS found`.execute(db)
    if (rows[0]?.found === null || rows[0] === undefined) {
      throw new ReconcileError(
        'STORE_UNAVAILABLE',
        `the ${description} holds no results yet: "reconcile run" creates its tables with the first run`,
      )
    }
  } catch (error: unknown) {
    await db.destroy()
    if (error instanceof ReconcileError) throw error
    throw new ReconcileError('STORE_UNAVAILABLE', `cannot read the ${description}: ${describeError(error)}`, {
      cause: error,
    })
  }
  return db
}
