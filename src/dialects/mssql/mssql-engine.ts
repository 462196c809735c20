import { Kysely, MssqlDialect } from 'kysely'
import * as tarn from 'tarn'
import * as tedious from 'tedious'
import type { ConnectionConfig, MssqlConnectionConfig } from '../../config/types.js'
import { toRawBuilder } from '../compile.js'
import type { Engine, ErrorKind, Statement } from '../dialect.js'
import { mssqlPrivileges } from './mssql-privileges.js'
import { mssqlSql } from './mssql-sql.js'

/** Connect timeout of a new connection, in ms. */
const CONNECT_TIMEOUT_MS = 15_000
/** SET LOCK_TIMEOUT takes an int of milliseconds. */
const MAX_LOCK_TIMEOUT_MS = 2_147_483_647

function asMssql(config: ConnectionConfig): MssqlConnectionConfig {
  if (config.dialect !== 'mssql')
    throw new TypeError(`connection ${config.name} is not a SQL Server connection`)
  return config
}

/**
 * The tedious settings for a connection: SQL login, or Windows (NTLM) login when `domain` is set; the port only
 * without a named instance (tedious rejects both, and the SQL Browser service resolves an instance's port);
 * `requestTimeout` is the statement timeout, after which tedious cancels the request on the server.
 */
export function tediousConfig(c: MssqlConnectionConfig): tedious.ConnectionConfiguration {
  const authentication: tedious.ConnectionAuthentication =
    c.domain !== undefined
      ? { type: 'ntlm', options: { userName: c.user, password: c.password ?? '', domain: c.domain } }
      : { type: 'default', options: { userName: c.user, password: c.password } }
  return {
    server: c.host,
    authentication,
    options: {
      ...(c.instance !== undefined ? { instanceName: c.instance } : { port: c.port }),
      database: c.database,
      encrypt: c.encrypt,
      trustServerCertificate: c.trustServerCertificate,
      readOnlyIntent: c.readOnlyIntent,
      requestTimeout: c.statementTimeoutMs,
      connectTimeout: CONNECT_TIMEOUT_MS,
      appName: 'cosmic-reconcile',
      useUTC: true,
    },
  }
}

/**
 * The batch `readOnly` sends: the session settings, then the statement. Kysely runs every query through
 * sp_executesql, and a SET inside sp_executesql is restored when that batch returns, so the settings must travel
 * in the same batch as the statement they protect.
 */
export function readOnlyBatch(statement: Statement, timeoutMs: number): Statement {
  const lockTimeout = Math.min(MAX_LOCK_TIMEOUT_MS, Math.max(1, Math.floor(timeoutMs)))
  return [`SET DEADLOCK_PRIORITY LOW;\nSET LOCK_TIMEOUT ${lockTimeout};\n`, ...statement]
}

/**
 * Runs a statement gently on SQL Server. SQL Server has no READ ONLY transaction, so safety comes from the layers
 * around it: the tool only composes SELECT statements; the login should be granted SELECT on the checked tables and
 * nothing more (README, Least-privilege logins; `validate --connect` warns otherwise); `readOnlyIntent` sends ApplicationIntent=ReadOnly, which an availability group routes to a readable
 * secondary (and a secondary refuses writes); and the isolation avoids blocking the EHR:
 * - `read_committed`: under READ_COMMITTED_SNAPSHOT (row versioning) reads take no shared locks; without it they
 *   take short ones, which LOCK_TIMEOUT bounds.
 * - `snapshot`: one consistent view for the statement from the version store, never blocked by writers; the
 *   database needs ALLOW_SNAPSHOT_ISOLATION ON (else error 3952).
 * READ UNCOMMITTED (NOLOCK) is deliberately not offered: dirty and skipped rows would make counts wrong, which
 * is worse than slow. DEADLOCK_PRIORITY LOW makes this session the victim of any deadlock, so production work is
 * never chosen, and LOCK_TIMEOUT (the statement timeout) stops it waiting forever on a lock. The transaction only
 * reads, so letting Kysely commit it is harmless. The returned `sql` is the whole batch sent.
 */
export async function runReadOnlyMssql<Row>(
  db: Kysely<unknown>,
  statement: Statement,
  config: Pick<MssqlConnectionConfig, 'isolation' | 'statementTimeoutMs'>,
): Promise<{ rows: Row[]; sql: string; parameters: readonly unknown[] }> {
  let failure: unknown
  try {
    return await db
      .transaction()
      .setIsolationLevel(config.isolation === 'snapshot' ? 'snapshot' : 'read committed')
      .execute(async (trx) => {
        try {
          const compiled = toRawBuilder(readOnlyBatch(statement, config.statementTimeoutMs)).compile(trx)
          const result = await trx.executeQuery<Row>(compiled)
          return { rows: [...result.rows], sql: compiled.sql, parameters: compiled.parameters }
        } catch (error: unknown) {
          failure = error
          throw error
        }
      })
  } catch (error: unknown) {
    // A deadlock victim's transaction is already rolled back, so Kysely's ROLLBACK then fails and its error would
    // hide the real one: report what went wrong with the statement, not the failed clean-up.
    throw failure ?? error
  }
}

/** Driver error codes that mean the server could not be reached (or the connection to it was lost). */
const UNREACHABLE_CODES = new Set([
  'ESOCKET',
  'EINSTLOOKUP',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
])
/** SQL Server error numbers: 1222 lock request time out, 1205 chosen as deadlock victim (low priority, see above). */
const TIMEOUT_NUMBERS = new Set([1222, 1205])

function classifyOne(error: object): ErrorKind | undefined {
  const e = error as { code?: unknown; number?: unknown; name?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  const isConnectionError = error instanceof tedious.ConnectionError || e.name === 'ConnectionError'
  const isRequestError = error instanceof tedious.RequestError || e.name === 'RequestError'
  // The pool waited longer than a statement may take for a free connection.
  if (error instanceof tarn.TimeoutError) return 'timeout'
  if (isConnectionError && code === 'ELOGIN') return 'auth'
  // ETIMEOUT on a connection is the connect timeout (or a cancel the server never acknowledged).
  if (isConnectionError && code === 'ETIMEOUT') return 'unreachable'
  if (UNREACHABLE_CODES.has(code)) return 'unreachable'
  // ECLOSE: the connection closed before the request completed.
  if (isRequestError && code === 'ECLOSE') return 'unreachable'
  // ETIMEOUT: requestTimeout passed and tedious cancelled the statement; ECANCEL: cancelled otherwise.
  if (isRequestError && (code === 'ETIMEOUT' || code === 'ECANCEL')) return 'timeout'
  if (typeof e.number === 'number' && TIMEOUT_NUMBERS.has(e.number)) return 'timeout'
  if (
    typeof e.message === 'string' &&
    /connection ended without ever completing the connection/i.test(e.message)
  ) {
    return 'unreachable'
  }
  return undefined
}

/**
 * Sorts a tedious error (as Kysely passes it on). Walks `cause` chains and the members of an AggregateError or of
 * an array (Kysely rejects with the array of errors when one batch raised several); the first recognised member
 * decides. Anything unrecognised is a query error.
 */
export function classifyMssqlError(error: unknown): ErrorKind {
  const queue: unknown[] = [error]
  const seen = new Set<unknown>()
  while (queue.length > 0 && seen.size < 50) {
    const current = queue.shift()
    if (current === null || typeof current !== 'object' || seen.has(current)) continue
    seen.add(current)
    if (Array.isArray(current)) {
      queue.push(...current)
      continue
    }
    const kind = classifyOne(current)
    if (kind !== undefined) return kind
    if (current instanceof AggregateError) queue.push(...current.errors)
    if ('cause' in current) queue.push(current.cause)
  }
  return 'query'
}

/**
 * A tedious connection that can never crash the process: tedious emits 'error' on a connection whose socket fails
 * (the server restarted, the network dropped it) and 'end' when it closes, at any time in its life, and an
 * 'error' event without a listener is thrown by Node as an uncaught exception. The failure reaches the caller
 * through the connect or the request it broke (and becomes a retried `error` result); the pool discards the
 * connection, which Kysely's validation finds closed.
 */
export function guardedConnection(config: tedious.ConnectionConfiguration): tedious.Connection {
  const connection = new tedious.Connection(config)
  connection.on('error', () => {
    // Reported through the failed connect or request; the event itself carries nothing more.
  })
  connection.on('end', () => {
    // A closed connection fails its pending request with ECLOSE; nothing else waits on it.
  })
  return connection
}

/** SQL Server engine over tedious, pooled by Kysely with tarn. */
export const mssqlEngine: Engine = {
  sql: mssqlSql,
  open(config) {
    const c = asMssql(config)
    const dialect = new MssqlDialect({
      tarn: {
        ...tarn,
        options: {
          min: 0,
          max: c.maxConcurrentQueries,
          idleTimeoutMillis: 10_000,
          // Without this tarn retries a failed connect until its own timeout and reports only "TimeoutError",
          // losing the driver's error (refused, login failed) that classify needs.
          propagateCreateError: true,
          // Waiting for a free connection may take as long as the statements holding them.
          acquireTimeoutMillis: c.statementTimeoutMs + CONNECT_TIMEOUT_MS,
        },
      },
      tedious: { ...tedious, connectionFactory: () => guardedConnection(tediousConfig(c)) },
    })
    const db = new Kysely<unknown>({ dialect })
    return {
      db,
      readOnly: (statement) => runReadOnlyMssql(db, statement, c),
      close: () => db.destroy(),
    }
  },
  classify: classifyMssqlError,
  privileges: mssqlPrivileges,
  describeTarget(config) {
    const c = asMssql(config)
    // With a named instance the port is looked up through the SQL Browser service, so the configured one is unused.
    const where = c.instance !== undefined ? `${c.host}\\${c.instance}` : `${c.host}:${c.port}`
    return `SQL Server ${where}/${c.database}`
  },
}
