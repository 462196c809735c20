import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely'
import { PGliteDialect, type PGliteDialectConfig, PGliteDriver } from '../dialects/pglite/kysely-pglite.js'
import { acquireStoreLock, type StoreLock } from './store-lock.js'

/** How long an idle PGlite store stays open (and locked) after its last query, in ms. */
export const STORE_IDLE_CLOSE_MS = 1_000

/** Options of {@link LockedPgliteDialect}. */
export interface LockedPgliteOptions {
  /** The PGlite data directory. */
  readonly dir: string
  /** Create the directory (and its parents) when missing; readers leave this off. */
  readonly create: boolean
  /** How long to wait for another process's lock, in ms. */
  readonly lockTimeoutMs?: number
  /** How long to keep the store open after the last query, in ms (default {@link STORE_IDLE_CLOSE_MS}). */
  readonly idleCloseMs?: number
  /** Runs on every opening, e.g. to make the session read only. */
  readonly onOpen?: PGliteDialectConfig['onCreateConnection']
}

interface Session {
  readonly driver: Driver
  readonly lock: StoreLock
}

/**
 * Opens the PGlite store only while it is used: the first query takes the store's lock file and opens PGlite, and
 * once no query or transaction has used it for `idleCloseMs` it is closed (PGlite writes everything back) and the
 * lock released. So a run, the daemon and the dashboard in separate processes take turns on one store instead of
 * each holding a private copy of its pages and losing the others' writes.
 */
class LockedPgliteDriver implements Driver {
  private session: Session | undefined
  private opening: Promise<Session> | undefined
  private closing: Promise<void> = Promise.resolve()
  private inUse = 0
  private idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: LockedPgliteOptions) {}

  async init(): Promise<void> {
    // Nothing to do until the first query: opening takes the lock.
  }

  private current(): Driver {
    if (this.session === undefined) throw new Error('the PGlite store is not open')
    return this.session.driver
  }

  private async open(): Promise<Session> {
    await this.closing
    if (this.session !== undefined) return this.session
    const { dir, create, lockTimeoutMs, onOpen } = this.options
    if (create) await mkdir(dir, { recursive: true })
    const lock = await acquireStoreLock(dir, { timeoutMs: lockTimeoutMs })
    try {
      const driver: Driver = new PGliteDriver({
        pglite: () => PGlite.create(dir),
        onCreateConnection: onOpen,
      })
      await driver.init()
      this.session = { driver, lock }
      return this.session
    } catch (error: unknown) {
      await lock.release()
      throw error
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    clearTimeout(this.idleTimer)
    this.inUse += 1
    try {
      this.opening ??= this.open().finally(() => {
        this.opening = undefined
      })
      await this.opening
      return await this.current().acquireConnection()
    } catch (error: unknown) {
      this.inUse -= 1
      throw error
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // The inner driver hands its one connection out under a mutex: it must hear of every release.
    await this.session?.driver.releaseConnection(connection)
    this.inUse -= 1
    if (this.inUse > 0) return
    clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      if (this.inUse === 0) this.closing = this.close()
    }, this.options.idleCloseMs ?? STORE_IDLE_CLOSE_MS)
    // An idle store must not keep a finished command alive.
    this.idleTimer.unref()
  }

  private async close(): Promise<void> {
    const session = this.session
    this.session = undefined
    if (session === undefined) return
    try {
      await session.driver.destroy()
    } finally {
      await session.lock.release()
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.current().beginTransaction(connection, settings)
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.current().commitTransaction(connection)
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.current().rollbackTransaction(connection)
  }

  async destroy(): Promise<void> {
    clearTimeout(this.idleTimer)
    await this.closing
    // An opening that failed has already rejected the query that started it; here only its end matters.
    await this.opening?.then(
      () => undefined,
      () => undefined,
    )
    await this.close()
  }
}

/** Kysely's PGlite dialect whose driver takes the store's lock and opens PGlite only while it is used. */
export class LockedPgliteDialect extends PGliteDialect {
  constructor(private readonly lockedOptions: LockedPgliteOptions) {
    super({ pglite: () => Promise.reject(new Error('opened by LockedPgliteDriver')) })
  }

  override createDriver(): Driver {
    return new LockedPgliteDriver(this.lockedOptions)
  }
}
