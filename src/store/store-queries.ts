import { type Kysely, type Selectable, sql } from 'kysely'
import type { RunsTable, StoreDatabase } from './schema.js'
import { type StoredResult, toStoredResult } from './stored-result.js'

/** A run as the store holds it. */
export interface StoredRun {
  readonly runId: string
  readonly startedAt: Date
  readonly finishedAt: Date | null
  /** `running`, `finished` or `aborted`; a run still `running` long after it started never finished. */
  readonly status: string
  readonly installation: string
  readonly host: string
  /** What started it: `cli`, `demo`, `schedule`. */
  readonly trigger: string
  readonly toolVersion: string
  /** Number of checks the run set out to run. */
  readonly checks: number
  readonly passed: number | null
  readonly failed: number | null
  readonly errors: number | null
}

/** An incident as the store holds it (issue 4's incidents table): never values, only what failed. */
export interface StoredIncident {
  readonly incidentId: string
  readonly check: string
  /** `open` or `resolved`. */
  readonly status: string
  readonly openedAt: Date
  readonly lastSeenAt: Date
  readonly resolvedAt: Date | null
  readonly openedRunId: string
  readonly lastRunId: string
  readonly resolvedRunId: string | null
  readonly occurrences: number
  readonly worstStatus: string
  readonly summary: string
  readonly vendorTicket: boolean
}

/** A change of a check's definition hash between two consecutive results of that check. */
export interface DefinitionChange {
  readonly check: string
  /** The first result recorded with the new hash. */
  readonly firstSeenAt: Date
  readonly runId: string
  /** The hash before, or null for the first result ever recorded for the check. */
  readonly previousHash: string | null
  readonly hash: string
}

function toRun(r: Selectable<RunsTable>): StoredRun {
  return {
    runId: r.run_id,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
    status: r.status,
    installation: r.installation,
    host: r.host,
    trigger: r.trigger,
    toolVersion: r.tool_version,
    checks: r.checks,
    passed: r.passed,
    failed: r.failed,
    errors: r.errors,
  }
}

/**
 * Every read of the results store: the runs, results and incidents that the control document, the evidence export,
 * the dashboard, the morning report and `history` show. No module outside the store queries its tables.
 */
export class StoreQueries {
  constructor(readonly db: Kysely<StoreDatabase>) {}

  /** Whether a table exists in the store, e.g. one a later migration adds. */
  async hasTable(name: string): Promise<boolean> {
    const { rows } = await sql<{ found: string | null }>`SELECT to_regclass(${name})::text AS found`.execute(
      this.db,
    )
    return rows[0]?.found !== null && rows[0]?.found !== undefined
  }

  /** Runs started in [from, to), newest first, at most `limit` (default 200). */
  async runs(filter: { from?: Date; to?: Date; limit?: number } = {}): Promise<StoredRun[]> {
    let query = this.db
      .selectFrom('reconcile_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(filter.limit ?? 200)
    if (filter.from !== undefined) query = query.where('started_at', '>=', filter.from)
    if (filter.to !== undefined) query = query.where('started_at', '<', filter.to)
    return (await query.execute()).map(toRun)
  }

  /** One run, or undefined. */
  async run(runId: string): Promise<StoredRun | undefined> {
    const row = await this.db
      .selectFrom('reconcile_runs')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst()
    return row === undefined ? undefined : toRun(row)
  }

  /** Start times of the given runs, by run id (unknown ids are left out). */
  async runStarts(runIds: readonly string[]): Promise<Map<string, Date>> {
    if (runIds.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('reconcile_runs')
      .select(['run_id', 'started_at'])
      .where('run_id', 'in', [...new Set(runIds)])
      .execute()
    return new Map(rows.map((r) => [r.run_id, new Date(r.started_at)]))
  }

  /** The most recent run, or undefined when nothing ran yet. */
  async latestRun(): Promise<StoredRun | undefined> {
    return (await this.runs({ limit: 1 }))[0]
  }

  /** Every result of the given runs, in run and result order. */
  async resultsOfRuns(runIds: readonly string[]): Promise<StoredResult[]> {
    if (runIds.length === 0) return []
    const rows = await this.db
      .selectFrom('reconcile_results')
      .selectAll()
      .where('run_id', 'in', [...runIds])
      .orderBy('evaluated_at', 'asc')
      .orderBy('run_id')
      .orderBy('seq')
      .execute()
    return rows.map(toStoredResult)
  }

  /** Every result of one run, in the order they were recorded. */
  async resultsOfRun(runId: string): Promise<StoredResult[]> {
    const rows = await this.db
      .selectFrom('reconcile_results')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('seq')
      .execute()
    return rows.map(toStoredResult)
  }

  /** Every result evaluated at or after `since`, oldest first (in run order within a run). */
  async resultsSince(since: Date): Promise<StoredResult[]> {
    const rows = await this.db
      .selectFrom('reconcile_results')
      .selectAll()
      .where('evaluated_at', '>=', since)
      .orderBy('evaluated_at')
      .orderBy('seq')
      .execute()
    return rows.map(toStoredResult)
  }

  /**
   * Past results, newest first: of one check when `check` is given, of the last `days` days (by the store's
   * clock) when given, at most `limit` (default 500).
   */
  async history(filter: { check?: string; days?: number; limit?: number } = {}): Promise<StoredResult[]> {
    let query = this.db
      .selectFrom('reconcile_results')
      .selectAll()
      .orderBy('evaluated_at', 'desc')
      .orderBy('seq', 'asc')
      .limit(filter.limit ?? 500)
    if (filter.check !== undefined) query = query.where('check_id', '=', filter.check)
    if (filter.days !== undefined) {
      query = query.where('evaluated_at', '>=', sql<Date>`now() - make_interval(days => ${filter.days})`)
    }
    return (await query.execute()).map(toStoredResult)
  }

  /** How many results {@link history} would select without a limit. */
  async historyCount(filter: { check?: string; days?: number } = {}): Promise<number> {
    let query = this.db
      .selectFrom('reconcile_results')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
    if (filter.check !== undefined) query = query.where('check_id', '=', filter.check)
    if (filter.days !== undefined) {
      query = query.where('evaluated_at', '>=', sql<Date>`now() - make_interval(days => ${filter.days})`)
    }
    return Number((await query.executeTakeFirst())?.n ?? 0)
  }

  /** The results of one check in the last run that evaluated it, whenever that was. */
  async latestResultsOf(check: string): Promise<StoredResult[]> {
    const last = await this.db
      .selectFrom('reconcile_results')
      .select('run_id')
      .where('check_id', '=', check)
      .orderBy('evaluated_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (last === undefined) return []
    return (await this.resultsOfRun(last.run_id)).filter((r) => r.check === check)
  }

  /** A check's results, newest first, at most `limit` (default 500). */
  async checkHistory(check: string, limit = 500): Promise<StoredResult[]> {
    const rows = await this.db
      .selectFrom('reconcile_results')
      .selectAll()
      .where('check_id', '=', check)
      .orderBy('evaluated_at', 'desc')
      .orderBy('seq')
      .limit(limit)
      .execute()
    return rows.map(toStoredResult)
  }

  /**
   * The results of the most recent run in which this version (hash) of the check ran without an error, so that the
   * control document can show the statements exactly as the servers received them.
   */
  async latestRunOfDefinition(check: string, hash: string): Promise<StoredResult[]> {
    const latest = await this.db
      .selectFrom('reconcile_results')
      .select('run_id')
      .where('check_id', '=', check)
      .where('definition_hash', '=', hash)
      .where('status', '<>', 'error')
      .orderBy('evaluated_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (latest === undefined) return []
    const rows = await this.db
      .selectFrom('reconcile_results')
      .selectAll()
      .where('check_id', '=', check)
      .where('run_id', '=', latest.run_id)
      .orderBy('seq')
      .execute()
    return rows.map(toStoredResult)
  }

  /**
   * Every change of a definition hash up to `until`: each result whose hash differs from the previous result of the
   * same check (the first result of a check counts, with no previous hash). Oldest first.
   */
  async definitionChanges(until: Date): Promise<DefinitionChange[]> {
    const { rows } = await sql<{
      check_id: string
      evaluated_at: Date | string
      run_id: string
      previous_hash: string | null
      definition_hash: string
    }>`
      SELECT check_id, evaluated_at, run_id, previous_hash, definition_hash
      FROM (
        SELECT check_id, evaluated_at, run_id, definition_hash,
               lag(definition_hash) OVER (PARTITION BY check_id ORDER BY evaluated_at, run_id, seq) AS previous_hash
        FROM reconcile_results
        WHERE evaluated_at < ${until.toISOString()}
      ) AS h
      WHERE previous_hash IS NULL OR previous_hash <> definition_hash
      ORDER BY evaluated_at, check_id`.execute(this.db)
    return rows.map((r) => ({
      check: r.check_id,
      firstSeenAt: new Date(r.evaluated_at),
      runId: r.run_id,
      previousHash: r.previous_hash,
      hash: r.definition_hash,
    }))
  }

  /**
   * Incidents, newest first, or null when the store has no incidents table (a store made before incidents existed).
   * `check` limits them to one check.
   */
  async incidents(filter: { check?: string; limit?: number } = {}): Promise<StoredIncident[] | null> {
    if (!(await this.hasTable('reconcile_incidents'))) return null
    let query = this.db
      .selectFrom('reconcile_incidents')
      .selectAll()
      .orderBy('opened_at', 'desc')
      .limit(filter.limit ?? 500)
    if (filter.check !== undefined) query = query.where('check_id', '=', filter.check)
    return (await query.execute()).map((r) => ({
      incidentId: r.incident_id,
      check: r.check_id,
      status: r.status,
      openedAt: new Date(r.opened_at),
      lastSeenAt: new Date(r.last_seen_at),
      resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
      openedRunId: r.opened_run_id,
      lastRunId: r.last_run_id,
      resolvedRunId: r.resolved_run_id,
      occurrences: r.occurrences,
      worstStatus: r.worst_status,
      summary: r.summary,
      vendorTicket: r.vendor_ticket,
    }))
  }

  /** Closes the store's connections. */
  async close(): Promise<void> {
    await this.db.destroy()
  }
}
