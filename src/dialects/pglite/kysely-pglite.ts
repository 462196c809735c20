import type { PGlite } from '@electric-sql/pglite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** How {@link PGliteDialect} gets its database: opened on first use, closed by `Kysely.destroy()`. */
export interface PGliteDialectConfig {
  readonly pglite: () => Promise<PGlite>
  /** Runs once when the database is opened, e.g. to make the session read only. */
  readonly onCreateConnection?: (connection: DatabaseConnection) => Promise<void>
}

/**
 * A Kysely dialect for PGlite. Kysely ships one only from 0.29, which requires Node ≥ 22; this project supports
 * Node 20 and pins Kysely 0.28, so it carries this small one. PGlite is a single connection: like Kysely's SQLite
 * driver, a mutex hands it to one caller at a time, so a transaction's statements are never interleaved with
 * another caller's. SQL is PostgreSQL's (adapter, compiler, introspector).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly config: PGliteDialectConfig) {}

  createDriver(): Driver {
    return new PGliteDriver(this.config)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new PGliteAdapter()
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
}

/** PostgreSQL's adapter without the advisory migration lock: the mutex already holds the only connection. */
class PGliteAdapter extends PostgresAdapter {
  override async acquireMigrationLock(): Promise<void> {}

  override async releaseMigrationLock(): Promise<void> {}
}

/** The driver behind {@link PGliteDialect}: one connection, handed out under a mutex. */
export class PGliteDriver implements Driver {
  private pglite: PGlite | undefined
  private connection: PGliteConnection | undefined
  private readonly mutex = new Mutex()

  constructor(private readonly config: PGliteDialectConfig) {}

  async init(): Promise<void> {
    this.pglite = await this.config.pglite()
    this.connection = new PGliteConnection(this.pglite)
    await this.config.onCreateConnection?.(this.connection)
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock()
    if (this.connection === undefined) {
      this.mutex.unlock()
      throw new Error('the PGlite database is not open')
    }
    return this.connection
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock()
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation =
      settings.isolationLevel === undefined ? '' : ` isolation level ${settings.isolationLevel}`
    const access = settings.accessMode === undefined ? '' : ` ${settings.accessMode}`
    await connection.executeQuery(CompiledQuery.raw(`start transaction${isolation}${access}`))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async destroy(): Promise<void> {
    if (this.pglite !== undefined && !this.pglite.closed) await this.pglite.close()
    this.pglite = undefined
    this.connection = undefined
  }
}

/**
 * PGlite's `query()` always sends Parse, Bind and Execute (the extended protocol), parameters or not, so a text of
 * several statements is refused by the server; `exec()` would use the simple protocol and run them all, so it is
 * never used here.
 */
class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters], { rowMode: 'object' })
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    }
  }

  // eslint-disable-next-line require-yield -- Kysely's interface; PGlite has no cursors to stream from
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by PGlite')
  }
}

/** One holder at a time; waiters are served in turn. */
class Mutex {
  private held: Promise<void> | undefined
  private release: (() => void) | undefined

  async lock(): Promise<void> {
    while (this.held !== undefined) await this.held
    this.held = new Promise((resolve) => {
      this.release = resolve
    })
  }

  unlock(): void {
    const release = this.release
    this.held = undefined
    this.release = undefined
    release?.()
  }
}
