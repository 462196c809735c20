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
  cutoff: string | null
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

/** The results store's tables, for Kysely's typing. */
export interface StoreDatabase {
  reconcile_runs: RunsTable
  reconcile_results: ResultsTable
}
