import type { Config, LoadWaitConfig } from '../config/types.js'
import { type Connection, ConnectionSet } from '../connections/connection.js'
import { describeError, ReconcileError } from '../errors/errors.js'
import { LOAD_ASSERTION, LOAD_CHECK_ID } from '../notify/check-info.js'
import { normalizeTimestampText } from '../results/canonical.js'
import { isTemporal } from '../plan/side-plan.js'
import type { CheckResult } from '../results/types.js'
import { formatDuration } from '../util/duration.js'
import type { Sleep } from '../util/retry.js'
import { timestampToUtcMs } from '../util/time-zone.js'
import type { Clock } from './clock.js'

/** What the load query said once. */
export interface LoadReading {
  /** Canonical timestamp text (naive local, or with `Z`). */
  readonly finishedAt: string
  readonly finishedAtMs: number
  readonly sql: string
  readonly durationMs: number
}

/**
 * Runs the "load finished" query: its single date/time column is described first, so that `datetime2`,
 * `datetimeoffset` and `timestamp` each come back in canonical form; several rows are reduced with MAX. Naive
 * times are read in `timezone`. Throws when the query returns no time.
 */
export async function readLoadFinished(
  connection: Connection,
  query: string,
  timezone: string,
): Promise<LoadReading> {
  const dialect = connection.dialect
  const aliased = `${dialect.derivedTable(query, 'l')}(finished_at)`
  const described = await connection.query<{ column_name: string; data_type: string }>(
    dialect.describeQuery(`SELECT l.finished_at FROM ${aliased}`, ['finished_at']),
  )
  const dataType = described.rows[0]?.data_type ?? 'unknown'
  const family = dialect.familyOf(dataType)
  if (!isTemporal(family)) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `the load query returns ${dataType}; it must return one date or timestamp column`,
    )
  }
  const result = await connection.query<{ finished_at: string | null }>([
    `SELECT ${dialect.canonicalText('MAX(l.finished_at)', family)} AS finished_at FROM ${aliased}`,
  ])
  const value = result.rows[0]?.finished_at ?? null
  if (value === null)
    throw new ReconcileError('LOAD_LATE', 'the load query returned no time: no load has finished yet')
  const finishedAt = normalizeTimestampText(value)
  return {
    finishedAt,
    finishedAtMs: timestampToUtcMs(finishedAt, timezone),
    sql: result.sql,
    durationMs: result.durationMs,
  }
}

/** How waiting for the night's load ended. */
export type LoadWaitOutcome =
  | {
      readonly status: 'finished'
      readonly reading: LoadReading
      readonly polls: number
      readonly waitedMs: number
    }
  | {
      readonly status: 'late'
      readonly last: LoadReading | null
      readonly lastError: string | null
      readonly polls: number
      readonly deadline: Date
      readonly waitedMs: number
    }
  | { readonly status: 'aborted' }

/**
 * Polls the load query until it reports a load that finished at most `maxAgeMs` before the slot was due (the
 * night's load), or the deadline passes, or `signal` aborts. A failing query is retried at the next poll.
 */
export async function waitForLoad(options: {
  load: LoadWaitConfig
  connection: Connection
  dueAt: Date
  timezone: string
  clock: Clock
  signal?: AbortSignal
}): Promise<LoadWaitOutcome> {
  const { load, clock } = options
  const started = clock.now().getTime()
  const deadline = options.dueAt.getTime() + load.deadlineMs
  const threshold = options.dueAt.getTime() - load.maxAgeMs
  let polls = 0
  let last: LoadReading | null = null
  let lastError: string | null = null
  for (;;) {
    if (options.signal?.aborted === true) return { status: 'aborted' }
    polls += 1
    try {
      last = await readLoadFinished(options.connection, load.query, options.timezone)
      lastError = null
      if (last.finishedAtMs >= threshold) {
        return { status: 'finished', reading: last, polls, waitedMs: clock.now().getTime() - started }
      }
    } catch (error: unknown) {
      lastError = describeError(error)
    }
    const now = clock.now().getTime()
    if (now >= deadline) {
      return { status: 'late', last, lastError, polls, deadline: new Date(deadline), waitedMs: now - started }
    }
    await clock.sleep(Math.min(load.pollIntervalMs, deadline - now), options.signal)
  }
}

/**
 * The `load` check's result for a run: `pass` with the load's finish time, or `fail` when the deadline passed
 * (`error` when the load query itself could not run). Its cutoff is the load's finish time.
 */
export function loadResult(
  outcome: Exclude<LoadWaitOutcome, { status: 'aborted' }>,
  context: {
    runId: string
    connection: string
    now: Date
  },
): CheckResult {
  const reading = outcome.status === 'finished' ? outcome.reading : outcome.last
  const ageMs = reading === null ? null : context.now.getTime() - reading.finishedAtMs
  const base = {
    runId: context.runId,
    check: LOAD_CHECK_ID,
    assertion: LOAD_ASSERTION,
    kind: 'freshness' as const,
    source: null,
    target: reading === null ? null : { finished_at: reading.finishedAt, age_ms: String(ageMs) },
    difference: null,
    details: null,
    cutoff: reading?.finishedAt ?? null,
    lateChanges: null,
    sql: { source: null, target: reading?.sql ?? null },
    parameters: { source: [], target: [] },
    durationsMs: { source: null, target: reading?.durationMs ?? null },
    definitionHash: LOAD_CHECK_ID,
    evaluatedAt: context.now.toISOString(),
  }
  if (outcome.status === 'finished') {
    return {
      ...base,
      status: 'pass',
      error: null,
      message: `the night's load finished at ${outcome.reading.finishedAt} (waited ${formatDuration(outcome.waitedMs)}, ${outcome.polls} ${outcome.polls === 1 ? 'poll' : 'polls'} of "${context.connection}")`,
    }
  }
  const lastSeen =
    reading === null ? 'no finished load was reported' : `the last load finished at ${reading.finishedAt}`
  const queryFailed = reading === null && outcome.lastError !== null
  return {
    ...base,
    status: queryFailed ? 'error' : 'fail',
    error: queryFailed ? { code: 'QUERY_FAILED', message: outcome.lastError ?? '' } : null,
    message: `the night's load had not finished by the deadline ${outcome.deadline.toISOString()} (waited ${formatDuration(outcome.waitedMs)}, ${outcome.polls} ${outcome.polls === 1 ? 'poll' : 'polls'} of "${context.connection}"); ${lastSeen}`,
  }
}

/** How waiting for a run's load ended: stopped, or the `load` result the run records first. */
export type NightLoad =
  { readonly status: 'aborted' } | { readonly status: 'finished' | 'late'; readonly result: CheckResult }

/**
 * Waits for the night's load before a run, for the daemon's scheduled runs and `reconcile run --wait-for-load`
 * alike: opens the load's connection, polls it with {@link waitForLoad} (deadline `load.deadlineMs` after
 * `dueAt`), closes it, and returns the `load` result with {@link loadResult}. On `late` the caller runs no check:
 * every check would compare yesterday's copy, so one clear alert about the load is raised instead.
 */
export async function awaitNightLoad(options: {
  load: LoadWaitConfig
  config: Pick<Config, 'connections' | 'timezone'>
  dueAt: Date
  clock: Clock
  runId: string
  signal?: AbortSignal
  /** Retry backoff of the load query's connection (default real time). */
  sleep?: Sleep
}): Promise<NightLoad> {
  const { load, config, clock } = options
  const connections = new ConnectionSet(config.connections, { sleep: options.sleep })
  let outcome: LoadWaitOutcome
  try {
    outcome = await waitForLoad({
      load,
      connection: connections.get(load.connection),
      dueAt: options.dueAt,
      timezone: config.timezone,
      clock,
      signal: options.signal,
    })
  } finally {
    await connections.close()
  }
  if (outcome.status === 'aborted') return outcome
  const result = loadResult(outcome, { runId: options.runId, connection: load.connection, now: clock.now() })
  return { status: outcome.status, result }
}
