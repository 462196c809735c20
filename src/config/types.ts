import type { RetryPolicy } from '../util/retry.js'

/** Settings every connection has, whatever its engine. */
interface ConnectionBase {
  /** The name definitions refer to, e.g. `cosmic`. */
  readonly name: string
  /** Server-side statement timeout in ms (default 5 min). */
  readonly statementTimeoutMs: number
  /** Queries this tool runs at once on this connection (default 2). */
  readonly maxConcurrentQueries: number
  /** Retry policy for unreachable servers and timeouts. */
  readonly retry: RetryPolicy
}

/** A SQL Server connection. TLS is on by default and the server certificate is verified. */
export interface MssqlConnectionConfig extends ConnectionBase {
  readonly dialect: 'mssql'
  readonly host: string
  readonly port: number
  readonly instance?: string
  readonly database: string
  readonly user: string
  readonly password?: string
  /** Set for Windows (NTLM) authentication. */
  readonly domain?: string
  readonly encrypt: boolean
  readonly trustServerCertificate: boolean
  /** Isolation of every read: `read_committed` (default) or `snapshot` (needs ALLOW_SNAPSHOT_ISOLATION). */
  readonly isolation: 'read_committed' | 'snapshot'
  /** Sends ApplicationIntent=ReadOnly so an availability group can route to a readable secondary. */
  readonly readOnlyIntent: boolean
}

/** A PostgreSQL server connection, by URL or by fields. */
export interface PostgresConnectionConfig extends ConnectionBase {
  readonly dialect: 'postgres'
  readonly url?: string
  readonly host?: string
  readonly port: number
  readonly database?: string
  readonly user?: string
  readonly password?: string
  readonly ssl: 'disable' | 'require' | 'verify-full'
}

/** An embedded PGlite database in a local directory. */
export interface PgliteConnectionConfig extends ConnectionBase {
  readonly dialect: 'pglite'
  /** Absolute directory of the database. */
  readonly path: string
}

/** One named database, parsed and with secrets substituted. */
export type ConnectionConfig = MssqlConnectionConfig | PostgresConnectionConfig | PgliteConnectionConfig

/** Where results are kept. */
export type StoreConfig =
  | { readonly kind: 'pglite'; readonly path: string; readonly spoolDir: string; readonly retry: RetryPolicy }
  | {
      readonly kind: 'postgres'
      readonly url: string
      readonly spoolDir: string
      readonly retry: RetryPolicy
    }

/** The parsed configuration: only {@link loadConfig} produces one. */
export interface Config {
  /** Absolute path of the file it came from. */
  readonly file: string
  /** Name of this installation, shown in reports and tickets. */
  readonly installation: string
  /** IANA time zone for naive timestamps and schedules (default Europe/Stockholm). */
  readonly timezone: string
  /** Absolute directory of the check definitions. */
  readonly checksDir: string
  readonly store: StoreConfig
  readonly connections: ReadonlyMap<string, ConnectionConfig>
}
