import type { Language } from '../i18n/language.js'
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
  | {
      readonly kind: 'pglite'
      readonly path: string
      readonly spoolDir: string
      readonly retry: RetryPolicy
      /** How long to wait for another process holding the store, in ms (default 60 s). */
      readonly lockTimeoutMs?: number
    }
  | {
      readonly kind: 'postgres'
      readonly url: string
      readonly spoolDir: string
      readonly retry: RetryPolicy
    }

/** The parsed configuration: only {@link loadConfig} produces one. */
export interface Config extends NotifyConfig {
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

/** Language of every message and report: Swedish (default) or English. */
export type Locale = Language

/** How messages leave: over SMTP, or as `.eml` files in a directory when no SMTP server is configured. */
export type MailTransportConfig =
  | {
      readonly kind: 'smtp'
      readonly host: string
      /** Default 587 for `starttls` and `none`, 465 for `tls`. */
      readonly port: number
      /** `starttls` upgrades a plain connection and refuses to continue without TLS; `tls` is TLS from the start. */
      readonly security: 'starttls' | 'tls' | 'none'
      readonly user?: string
      readonly password?: string
      /** Verify the server's certificate (default true). */
      readonly rejectUnauthorized: boolean
      /** Connection, greeting and socket timeout in ms (default 30 s). */
      readonly timeoutMs: number
    }
  | { readonly kind: 'eml'; /** Absolute directory the files are written to. */ readonly dir: string }

/** Who receives what. A definition's `notify.recipients` are added to `alerts` for its own incidents. */
export interface Recipients {
  /** The shared mailbox of the management groups: incident opened, reminded, resolved. */
  readonly alerts: readonly string[]
  /** The vendor's ticket address: incidents of checks whose definition says the vendor is responsible. */
  readonly vendor: readonly string[]
  /** Readers of the morning report. */
  readonly report: readonly string[]
}

/** Mail settings; absent when the configuration has no `mail` section (incidents are then tracked silently). */
export interface MailConfig {
  /** The From header, e.g. `Cosmic-kontroll <reconcile@region.se>`. */
  readonly from: string
  readonly transport: MailTransportConfig
  readonly recipients: Recipients
  /** Backoff of a message that could not be sent: delay doubles from initial to max; after `attempts` it is `failed`. */
  readonly retry: { readonly initialDelayMs: number; readonly maxDelayMs: number; readonly attempts: number }
}

/** One webhook: notifications POSTed as JSON (Teams/Slack-compatible `text`), retried through the outbox. */
export interface WebhookConfig {
  /** Unique; its rows are queued under channel `webhook:<name>`. */
  readonly name: string
  /** The endpoint; usually secret, so written as `${VAR}` and never logged (only its host is). */
  readonly url: string
  /** The events it receives: incident events and the morning report (default all). */
  readonly events: readonly (
    'incident_opened' | 'incident_reminder' | 'incident_resolved' | 'morning_report'
  )[]
  /** Extra request headers, e.g. `Authorization: Bearer ${HOOK_TOKEN}`. */
  readonly headers: Readonly<Record<string, string>>
  /** How long one request may take, in ms (default 10 s). */
  readonly timeoutMs: number
  /** Backoff as for mail (default 1 min doubling to 1 h, 48 attempts). */
  readonly retry: MailConfig['retry']
}

/** Waiting for the night's load before a scheduled run. */
export interface LoadWaitConfig {
  /** Connection of the reporting side that holds the load log. */
  readonly connection: string
  /** Returns one date/time column: when the last load finished. Naive times are read in the configured zone. */
  readonly query: string
  /** Time between polls, in ms (default 5 min). */
  readonly pollIntervalMs: number
  /** How long after the scheduled time to wait before the load counts as late, in ms (default 3 h). */
  readonly deadlineMs: number
  /** A load that finished at most this long before the scheduled time counts as the night's load (default 12 h). */
  readonly maxAgeMs: number
  /** A late load also opens a ticket to the vendor (default false). */
  readonly notifyVendor: boolean
}

/** One scheduled run. */
export interface ScheduledRunConfig {
  /** Unique name, part of every claim, e.g. `nightly`. */
  readonly name: string
  /** Five-field cron expression in the configured time zone. */
  readonly cron: string
  /** Only these check ids (default all). */
  readonly checks?: readonly string[]
  readonly load?: LoadWaitConfig
}

/** What `reconcile daemon` does and when. */
export interface ScheduleConfig {
  readonly runs: readonly ScheduledRunConfig[]
  /** When the morning report is sent; absent means no morning report. */
  readonly morningReport?: { readonly cron: string }
  /** A slot missed while no daemon ran is still taken if it is at most this late, in ms (default 6 h). */
  readonly catchUpMs: number
}

/** Notification and scheduling parts of the parsed configuration. */
export interface NotifyConfig {
  readonly locale: Locale
  readonly mail?: MailConfig
  /** Webhooks (default none). */
  readonly webhooks: readonly WebhookConfig[]
  /** The dashboard's public address (`web.public_url`), linked from webhook notifications; absent when unset. */
  readonly publicUrl?: string
  /** An open incident is reminded about after this long without a message, in ms; null turns reminders off (default 3 days). */
  readonly reminderAfterMs: number | null
  readonly schedule: ScheduleConfig
}
