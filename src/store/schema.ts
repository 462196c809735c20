import type { ColumnType, Generated, JSONColumnType } from 'kysely'

type Timestamp = ColumnType<Date, string, string>

/** One run: written when it starts; only its finish (finished_at, status, counts) is written later. */
export interface RunsTable {
  run_id: string
  started_at: Timestamp
  finished_at: ColumnType<Date | null, string | null, string>
  /** `running`, then `finished` or `aborted`. */
  status: string
  installation: string
  host: string
  trigger: string
  tool_version: string
  checks: number
  passed: ColumnType<number | null, number | null, number>
  failed: ColumnType<number | null, number | null, number>
  errors: ColumnType<number | null, number | null, number>
  /** Process id of the run's process on `host` (null for runs recorded before migration 002). */
  pid: ColumnType<number | null, number | null | undefined, never>
}

/** One result; never updated. (run_id, seq) is unique so replaying a spool file is idempotent. */
export interface ResultsTable {
  id: Generated<string>
  run_id: string
  seq: number
  check_id: string
  assertion: string
  kind: string
  status: string
  source: JSONColumnType<Record<string, string | null> | null, string | null, never>
  target: JSONColumnType<Record<string, string | null> | null, string | null, never>
  difference: JSONColumnType<{ absolute: string; percent: number | null } | null, string | null, never>
  details: JSONColumnType<Record<string, unknown> | null, string | null, never>
  message: string
  /** The message as a code (e.g. `row_count.rows_missing`); null before migration 005 and for results without one. */
  message_code: ColumnType<string | null, string | null | undefined, never>
  /** The code's parameters (counts, column names, durations in ms; never a row value); null with no code. */
  message_params: JSONColumnType<Record<string, unknown> | null, string | null | undefined, never>
  cutoff: string | null
  /** What the check left out as late changes (null before migration 003 or when nothing was). */
  late_changes: JSONColumnType<{ method: 'keys' | 'as_of'; rows: number | null } | null, string | null, never>
  source_sql: string | null
  target_sql: string | null
  source_parameters: JSONColumnType<unknown[], string, never>
  target_parameters: JSONColumnType<unknown[], string, never>
  source_ms: number | null
  target_ms: number | null
  definition_hash: string
  error_code: string | null
  error_message: string | null
  evaluated_at: Timestamp
}

/** A failing or erroring assertion as an incident remembers it: never values, only what failed. */
export interface FailingAssertion {
  readonly assertion: string
  readonly status: 'fail' | 'error'
}

/** One incident: opened by the first failing result of a check, resolved by its next passing run. */
export interface IncidentsTable {
  incident_id: string
  check_id: string
  /** `open` or `resolved`. */
  status: string
  opened_at: Timestamp
  last_seen_at: Timestamp
  resolved_at: ColumnType<Date | null, string | null | undefined, string>
  opened_run_id: string
  last_run_id: string
  resolved_run_id: ColumnType<string | null, string | null | undefined, string>
  /** Runs in which the check did not pass while the incident was open, the opening one included. */
  occurrences: number
  /** `fail` or `error`: the worst status seen while open (error outranks fail). */
  worst_status: string
  last_status: string
  failing: JSONColumnType<FailingAssertion[], string, string>
  /** One line a person can read: what failed the last time. */
  summary: string
  definition_hash: string
  /** Whether a vendor ticket was queued when it opened. */
  vendor_ticket: boolean
  /** When the shared mailbox last heard of it (the opening alert or the last reminder). */
  last_notified_at: Timestamp
  reminders: ColumnType<number, number | undefined, number>
}

/** A file attached to a message; `content` is UTF-8 text. */
export interface StoredAttachment {
  readonly filename: string
  readonly contentType: string
  readonly content: string
}

/**
 * One notification for one channel: written completely, as the channel composed it, before any attempt to send
 * it, so that nothing composed is ever lost; `dedupe_key` makes queuing the same message twice a no-op. A mail row
 * keeps its message in the rendered columns (recipients, subject, both parts, attachments); another channel keeps
 * its request in `payload` and a one-line summary in `subject` and `text_body`.
 */
export interface OutboxTable {
  message_id: string
  dedupe_key: string
  /** `mail` (every row queued before migration 004) or `webhook:<name>`. */
  channel: ColumnType<string, string | undefined, never>
  /** `alerts`, `vendor` or `report`: which recipient list it went to. */
  purpose: string
  /** The event: `incident_opened`, `incident_reminder`, `incident_resolved`, `vendor_ticket`, `morning_report`. */
  kind: string
  incident_id: string | null
  run_id: string | null
  created_at: Timestamp
  recipients: JSONColumnType<string[], string, string>
  subject: string
  text_body: string
  html_body: string
  attachments: JSONColumnType<StoredAttachment[], string, string>
  /** What a channel other than mail sends, as it composed it (a webhook's JSON body); null for mail. */
  payload: JSONColumnType<object | null, string | null | undefined, never>
  /** `pending` until sent; `failed` after the last allowed attempt; `sent` once the channel's receiver accepted it (an SMTP server, a webhook's 2xx). */
  status: string
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: Timestamp
  last_attempt_at: ColumnType<Date | null, string | null | undefined, string | null>
  last_error: ColumnType<string | null, string | null | undefined, string | null>
  sent_at: ColumnType<Date | null, string | null | undefined, string | null>
  /** The server's answer, the .eml file written, or the webhook's HTTP status. */
  delivered_via: ColumnType<string | null, string | null | undefined, string | null>
  /** A sender holds the message until then, so two processes never send it at once. */
  locked_until: ColumnType<Date | null, string | null | undefined, string | null>
  locked_by: ColumnType<string | null, string | null | undefined, string | null>
  /**
   * The order rows were queued in (migration 006; earlier rows numbered by `created_at`): breaks ties between
   * rows queued at one clock time. Given by the database; bigint, so read as text.
   */
  seq: ColumnType<string, never, never>
}

/** One scheduled slot (a schedule's local wall-clock time on one night), claimed by exactly one daemon. */
export interface ScheduleClaimsTable {
  schedule: string
  /** Local wall-clock time of the cron match, `YYYY-MM-DDTHH:MM`, in the configured zone. */
  slot: string
  due_at: Timestamp
  claimed_at: Timestamp
  /** `host:pid` of the daemon that claimed it. */
  claimed_by: string
  /** `claimed`, then `done`, `aborted` (stopped mid-run) or `released` (stopped before running: may be claimed again). */
  status: string
  run_id: ColumnType<string | null, string | null | undefined, string | null>
  finished_at: ColumnType<Date | null, string | null | undefined, string | null>
  note: ColumnType<string | null, string | null | undefined, string | null>
}

/** The results store's tables, for Kysely's typing. */
export interface StoreDatabase {
  reconcile_runs: RunsTable
  reconcile_results: ResultsTable
  reconcile_incidents: IncidentsTable
  reconcile_outbox: OutboxTable
  reconcile_schedule_claims: ScheduleClaimsTable
}
