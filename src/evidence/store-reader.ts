import { existsSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { StoreConfig } from '../config/types.js'
import { PGliteDialect } from '../dialects/pglite/kysely-pglite.js'
import { describeError, ReconcileError } from '../errors/errors.js'
import { describeStore } from '../store/results-store.js'
import type { StoreDatabase } from '../store/schema.js'

/**
 * Opens the results store for reading only, without applying migrations: the explain, evidence and serve commands
 * never write. PostgreSQL sessions are opened with `default_transaction_read_only`; the PGlite session is set read
 * only right after it opens. Throws STORE_UNAVAILABLE naming the store when it does not exist or does not answer.
 *
 * A PGlite store is a directory one process may open at a time: do not read it while a run writes it (use a
 * PostgreSQL store for a dashboard that runs beside the scheduler, or embed the dashboard in that process).
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
      dialect: new PGliteDialect({ pglite: () => PGlite.create(config.path) }),
    })
  } else {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 4,
      connectionTimeoutMillis: 10_000,
      application_name: 'cosmic-reconcile-reader',
      options: '-c default_transaction_read_only=on',
    })
    // Without a listener, an idle client losing its server would crash the process.
    pool.on('error', () => undefined)
    db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) })
  }
  try {
    if (config.kind === 'pglite') await sql`SET default_transaction_read_only = on`.execute(db)
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
