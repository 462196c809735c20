import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { ConnectionConfig, PostgresConnectionConfig } from '../../config/types.js'
import type { Engine, ErrorKind } from '../dialect.js'
import { extendedProtocolPool } from './extended-protocol.js'
import { listenForPoolErrors } from './pool-errors.js'
import { postgresPrivileges } from './postgres-privileges.js'
import { postgresSql } from './postgres-sql.js'
import { runReadOnlyPostgres } from './read-only.js'

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EPIPE',
])

/** Sorts a pg error: SQLSTATE class 28 is authentication, 57014 a cancelled (timed out) statement. */
export function classifyPostgresError(error: unknown): ErrorKind {
  const e = error as { code?: unknown; message?: unknown }
  const code = typeof e?.code === 'string' ? e.code : ''
  const message = typeof e?.message === 'string' ? e.message : ''
  if (
    UNREACHABLE_CODES.has(code) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  ) {
    return 'unreachable'
  }
  if (code.startsWith('28')) return 'auth'
  if (code === '57014' || code === '55P03') return 'timeout'
  if (code === '57P01' || code === '57P03' || code.startsWith('08')) return 'unreachable'
  return 'query'
}

function asPostgres(config: ConnectionConfig): PostgresConnectionConfig {
  if (config.dialect !== 'postgres')
    throw new TypeError(`connection ${config.name} is not a PostgreSQL connection`)
  return config
}

/**
 * The connection URL with the configured password in it. pg lets every part of `connectionString` override the
 * separate fields, a missing password included, so `url: postgres://user@host/db` plus `password: ${VAR}` would
 * reach the server without a password ("client password must be a string"): the password goes into the URL.
 */
export function urlWithPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url
  try {
    const parsed = new URL(url)
    parsed.password = encodeURIComponent(password)
    return parsed.href
  } catch {
    // An unparseable URL fails in pg with its own message, which names the URL's problem better.
    return url
  }
}

/** PostgreSQL server engine over `pg`. */
export const postgresEngine: Engine = {
  sql: postgresSql,
  open(config) {
    const c = asPostgres(config)
    const pool = new pg.Pool({
      connectionString: c.url === undefined ? undefined : urlWithPassword(c.url, c.password),
      host: c.host,
      port: c.port,
      database: c.database,
      user: c.user,
      password: c.password,
      ssl: c.ssl === 'disable' ? undefined : { rejectUnauthorized: c.ssl === 'verify-full' },
      max: c.maxConcurrentQueries,
      connectionTimeoutMillis: 15_000,
      idleTimeoutMillis: 10_000,
      application_name: 'cosmic-reconcile',
    })
    listenForPoolErrors(pool)
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: extendedProtocolPool(pool) }) })
    return {
      db,
      readOnly: (statement) => runReadOnlyPostgres(db, statement, c.statementTimeoutMs),
      close: () => db.destroy(),
    }
  },
  classify: classifyPostgresError,
  privileges: postgresPrivileges,
  describeTarget(config) {
    const c = asPostgres(config)
    if (c.url !== undefined) {
      try {
        const u = new URL(c.url)
        return `PostgreSQL ${u.hostname}:${u.port || '5432'}/${u.pathname.replace(/^\//, '')}`
      } catch (error: unknown) {
        return `PostgreSQL (unparseable URL: ${error instanceof Error ? error.message : String(error)})`
      }
    }
    return `PostgreSQL ${c.host ?? 'localhost'}:${c.port}/${c.database ?? c.user ?? ''}`
  },
}
