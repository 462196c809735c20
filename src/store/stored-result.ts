import type { Selectable } from 'kysely'
import { isMessageCode, type MessageCode } from '../i18n/result-messages.js'
import type { ResultStatus } from '../results/types.js'
import type { ResultsTable } from './schema.js'

/**
 * A result as the store holds it, the one shape every reader of results gets (evidence, dashboard, morning report,
 * history, control document): counts, sums, hashes and canonical group keys only, never rows.
 */
export interface StoredResult {
  readonly runId: string
  /** Position of the result within its run, from 1. */
  readonly seq: number
  readonly check: string
  readonly assertion: string
  readonly kind: string
  readonly status: ResultStatus
  readonly source: Readonly<Record<string, string | null>> | null
  readonly target: Readonly<Record<string, string | null>> | null
  readonly difference: { readonly absolute: string; readonly percent: number | null } | null
  readonly details: Readonly<Record<string, unknown>> | null
  /** The English line written when the result was made; what old results without a code show. */
  readonly message: string
  /**
   * The message as a code, rendered in the reader's language by `resultText`; null for results stored before
   * codes existed, without one, or with a code this version does not know (their `message` is shown).
   */
  readonly messageCode: MessageCode | null
  /** The code's parameters: counts, sums, column names, durations in ms; never a row value. */
  readonly messageParams: Readonly<Record<string, unknown>> | null
  readonly cutoff: string | null
  /** What the check left out as late changes (a count), or null (also for results before migration 003). */
  readonly lateChanges: { readonly method: 'keys' | 'as_of'; readonly rows: number | null } | null
  readonly sourceSql: string | null
  readonly targetSql: string | null
  readonly sourceParameters: readonly unknown[]
  readonly targetParameters: readonly unknown[]
  readonly sourceMs: number | null
  readonly targetMs: number | null
  readonly definitionHash: string
  readonly errorCode: string | null
  readonly errorMessage: string | null
  readonly evaluatedAt: Date
}

/** Maps a row of `reconcile_results` to its stored-result shape. */
export function toStoredResult(r: Selectable<ResultsTable>): StoredResult {
  return {
    runId: r.run_id,
    seq: r.seq,
    check: r.check_id,
    assertion: r.assertion,
    kind: r.kind,
    status: r.status as ResultStatus,
    source: r.source,
    target: r.target,
    difference: r.difference,
    details: r.details,
    message: r.message,
    messageCode: isMessageCode(r.message_code) ? r.message_code : null,
    messageParams: r.message_params ?? null,
    cutoff: r.cutoff,
    lateChanges: r.late_changes ?? null,
    sourceSql: r.source_sql,
    targetSql: r.target_sql,
    sourceParameters: r.source_parameters,
    targetParameters: r.target_parameters,
    sourceMs: r.source_ms,
    targetMs: r.target_ms,
    definitionHash: r.definition_hash,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    evaluatedAt: new Date(r.evaluated_at),
  }
}
