import { Kysely, Migrator, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { StoreConfig } from '../config/types.js'
import { describeError, ReconcileError } from '../errors/errors.js'
import type { CheckResult } from '../results/types.js'
import { type RetryPolicy, type Sleep, withRetry } from '../util/retry.js'
import { listenForPoolErrors } from '../dialects/postgres/pool-errors.js'
import { ClaimStore } from './claim-store.js'
import { IncidentStore } from './incident-store.js'
import { LockedPgliteDialect } from './locked-pglite.js'
import { migrationProvider } from './migrations.js'
import { OutboxStore } from './outbox-store.js'
import type { StoreDatabase } from './schema.js'
import { StoreQueries } from './store-queries.js'
import type { StoredResult } from './stored-result.js'

/** The start of a run, as stored. */
export interface RunStart {
  readonly runId: string
  readonly startedAt: string
  readonly installation: string
  readonly host: string
  /** What started it: `cli`, `demo`, later `schedule`. */
  readonly trigger: string
  readonly toolVersion: string
  readonly checks: number
  /** Process id on `host`, so the next start can tell a crashed run from a running one. */
  readonly pid?: number
}

/** The end of a run, as stored. */
export interface RunFinish {
  readonly runId: string
  readonly finishedAt: string
  readonly status: 'finished' | 'aborted'
  readonly passed: number
  readonly failed: number
  readonly errors: number
}

/**
 * A result as `reconcile history` shows it (and prints with `--json`): the stored result without its SQL,
 * parameters and details; its message code and parameters let a reader render it in their language.
 */
export type HistoryEntry = Pick<
  StoredResult,
  | 'runId'
  | 'evaluatedAt'
  | 'check'
  | 'assertion'
  | 'status'
  | 'source'
  | 'target'
  | 'difference'
  | 'message'
  | 'messageCode'
  | 'messageParams'
  | 'definitionHash'
>

/** A history entry with what the terminal needs to show its difference in human units (not in `--json`). */
export interface HistoryRow extends HistoryEntry {
  readonly kind: CheckResult['kind']
  readonly details: CheckResult['details']
}

/** Which results `history` selects: one check, the last N days, at most `limit` (default 500) newest. */
export interface HistoryFilter {
  readonly check?: string
  readonly days?: number
  readonly limit?: number
}

/** A run as the report and the abort sweep read it. */
export interface RunSummary {
  readonly runId: string
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly status: string
  readonly trigger: string
  readonly host: string
}

/** Writers that share one transaction: an incident's change and its messages commit together or not at all. */
export interface StoreTransaction {
  readonly incidents: IncidentStore
  readonly outbox: OutboxStore
}

/** Where the store lives, for messages: never a password. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'pglite') return `PGlite store at ${config.path}`
  try {
    const url = new URL(config.url)
    return `PostgreSQL store at ${url.hostname}:${url.port || '5432'}${url.pathname}`
  } catch (error: unknown) {
    return `PostgreSQL store (the URL does not parse: ${describeError(error)})`
  }
}

function createDb(config: StoreConfig): Kysely<StoreDatabase> {
  if (config.kind === 'pglite') {
    return new Kysely<StoreDatabase>({
      dialect: new LockedPgliteDialect({
        dir: config.path,
        create: true,
        lockTimeoutMs: config.lockTimeoutMs,
      }),
    })
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 2,
    connectionTimeoutMillis: 10_000,
    application_name: 'cosmic-reconcile-store',
  })
  listenForPoolErrors(pool)
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) })
}

/**
 * The results store: append-only runs and results in PGlite or PostgreSQL, migrated on open. Every write is
 * retried with backoff; a write that still fails throws STORE_UNAVAILABLE so the caller can spool instead.
 */
export class ResultsStore {
  private constructor(
    private readonly db: Kysely<StoreDatabase>,
    readonly description: string,
    private readonly retry: RetryPolicy,
    private readonly sleep: Sleep | undefined,
  ) {}

  /** Opens the store and applies pending migrations. */
  static async open(config: StoreConfig, options: { sleep?: Sleep } = {}): Promise<ResultsStore> {
    const store = new ResultsStore(createDb(config), describeStore(config), config.retry, options.sleep)
    try {
      await store.write('apply migrations', async () => {
        const { error, results } = await new Migrator({
          db: store.db,
          provider: migrationProvider,
        }).migrateToLatest()
        const failed = results?.find((r) => r.status === 'Error')
        if (error !== undefined)
          throw new ReconcileError('STORE_UNAVAILABLE', `migration ${failed?.migrationName ?? ''} failed`, {
            cause: error,
          })
      })
    } catch (error: unknown) {
      await store.close()
      throw error
    }
    return store
  }

  private async write<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(operation, this.retry, () => true, { sleep: this.sleep })
    } catch (error: unknown) {
      throw new ReconcileError(
        'STORE_UNAVAILABLE',
        `cannot ${what} in the ${this.description} after ${this.retry.attempts} attempt(s): ${describeError(error)}`,
        { cause: error },
      )
    }
  }

  /** Records the start of a run; replaying the same run is a no-op. */
  async insertRun(run: RunStart): Promise<void> {
    await this.write('record the run', () =>
      this.db
        .insertInto('reconcile_runs')
        .values({
          run_id: run.runId,
          started_at: run.startedAt,
          status: 'running',
          installation: run.installation,
          host: run.host,
          trigger: run.trigger,
          tool_version: run.toolVersion,
          checks: run.checks,
          pid: run.pid ?? null,
        })
        .onConflict((oc) => oc.column('run_id').doNothing())
        .execute(),
    )
  }

  /** Appends results; `seq` numbers them within the run, so a replay never duplicates one. */
  async insertResults(entries: ReadonlyArray<{ seq: number; result: CheckResult }>): Promise<void> {
    if (entries.length === 0) return
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value))
    await this.write('record results', () =>
      this.db
        .insertInto('reconcile_results')
        .values(
          entries.map(({ seq, result: r }) => ({
            run_id: r.runId,
            seq,
            check_id: r.check,
            assertion: r.assertion,
            kind: r.kind,
            status: r.status,
            source: json(r.source),
            target: json(r.target),
            difference: json(r.difference),
            details: json(r.details),
            message: r.message,
            // Absent in results spooled by a version before codes existed.
            message_code: r.messageCode ?? null,
            message_params: json(r.messageParams ?? null),
            cutoff: r.cutoff,
            late_changes: json(r.lateChanges ?? null),
            source_sql: r.sql.source,
            target_sql: r.sql.target,
            source_parameters: JSON.stringify(r.parameters.source),
            target_parameters: JSON.stringify(r.parameters.target),
            source_ms: r.durationsMs.source,
            target_ms: r.durationsMs.target,
            definition_hash: r.definitionHash,
            error_code: r.error?.code ?? null,
            error_message: r.error?.message ?? null,
            evaluated_at: r.evaluatedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['run_id', 'seq']).doNothing())
        .execute(),
    )
  }

  /** Records the end of a run: the only update the store ever makes, and only to a run not yet finished. */
  async finishRun(finish: RunFinish): Promise<void> {
    await this.write('record the end of the run', () =>
      this.db
        .updateTable('reconcile_runs')
        .set({
          finished_at: finish.finishedAt,
          status: finish.status,
          passed: finish.passed,
          failed: finish.failed,
          errors: finish.errors,
        })
        .where('run_id', '=', finish.runId)
        .where('finished_at', 'is', null)
        .execute(),
    )
  }

  /** Past results, newest first (see {@link StoreQueries.history}), in the shape `history` prints. */
  async history(filter: HistoryFilter = {}): Promise<HistoryRow[]> {
    const results = await this.read.history(filter)
    return results.map((r) => ({
      runId: r.runId,
      evaluatedAt: r.evaluatedAt,
      check: r.check,
      assertion: r.assertion,
      status: r.status,
      source: r.source,
      target: r.target,
      difference: r.difference,
      message: r.message,
      messageCode: r.messageCode,
      messageParams: r.messageParams,
      definitionHash: r.definitionHash,
      kind: r.kind as CheckResult['kind'],
      details: r.details as CheckResult['details'],
    }))
  }

  /** How many results `history` would select without a limit. */
  async historyCount(filter: HistoryFilter = {}): Promise<number> {
    return this.read.historyCount(filter)
  }

  /** Every read of the store: runs, results and incidents in the shapes readers use. */
  get read(): StoreQueries {
    return new StoreQueries(this.db)
  }

  /** Runs of the store, newest first (for tests, history and later the dashboard). */
  async runs(limit = 50) {
    return this.db
      .selectFrom('reconcile_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute()
  }

  /** Incidents: opened, updated and resolved from results. */
  get incidents(): IncidentStore {
    return new IncidentStore(this.db)
  }

  /** Messages waiting to be sent, and those sent. */
  get outbox(): OutboxStore {
    return new OutboxStore(this.db)
  }

  /** Claims of scheduled slots. */
  get claims(): ClaimStore {
    return new ClaimStore(this.db)
  }

  /** Runs `work` in one transaction of the store. */
  async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .execute((trx) => work({ incidents: new IncidentStore(trx), outbox: new OutboxStore(trx) }))
  }

  /**
   * Marks runs left `running` by a process that is gone as `aborted`: runs of this host whose process no longer
   * exists, and runs of any host started before `staleBefore`. Their counts are taken from the results they
   * recorded. Returns the ids of the runs marked.
   */
  async abortOrphanedRuns(options: {
    host: string
    isAlive: (pid: number) => boolean
    staleBefore: string
    now: string
  }): Promise<string[]> {
    const running = await this.db
      .selectFrom('reconcile_runs')
      .select(['run_id', 'host', 'pid', 'started_at'])
      .where('status', '=', 'running')
      .execute()
    const stale = new Date(options.staleBefore).getTime()
    const orphaned = running.filter(
      (r) =>
        new Date(r.started_at).getTime() < stale ||
        (r.host === options.host && r.pid !== null && r.pid !== process.pid && !options.isAlive(r.pid)),
    )
    for (const run of orphaned) {
      const counts = await this.db
        .selectFrom('reconcile_results')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('run_id', '=', run.run_id)
        .groupBy('status')
        .execute()
      const n = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0)
      await this.finishRun({
        runId: run.run_id,
        finishedAt: options.now,
        status: 'aborted',
        passed: n('pass'),
        failed: n('fail'),
        errors: n('error'),
      })
    }
    return orphaned.map((r) => r.run_id)
  }

  /** Every result evaluated at or after `since` (ISO 8601), oldest first. */
  async resultsSince(since: string): Promise<StoredResult[]> {
    return this.read.resultsSince(new Date(since))
  }

  /** The latest result of one check, whenever it was. */
  async latestResultsOf(check: string): Promise<StoredResult[]> {
    return this.read.latestResultsOf(check)
  }

  /** Every result of one run, in order. */
  async resultsOfRun(runId: string): Promise<StoredResult[]> {
    return this.read.resultsOfRun(runId)
  }

  /** The newest runs, newest first, as summaries. */
  async recentRuns(limit = 20): Promise<RunSummary[]> {
    const rows = await this.runs(limit)
    return rows.map((r) => ({
      runId: r.run_id,
      startedAt: new Date(r.started_at).toISOString(),
      finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
      status: r.status,
      trigger: r.trigger,
      host: r.host,
    }))
  }

  /** Closes the store's connections. */
  async close(): Promise<void> {
    await this.db.destroy()
  }
}
