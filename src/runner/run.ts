import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Config } from '../config/types.js'
import { ConnectionSet } from '../connections/connection.js'
import type { CheckDefinition } from '../definitions/types.js'
import { Recorder } from '../store/recorder.js'
import { type ResultsStore } from '../store/results-store.js'
import { type SpoolRecovery } from '../store/spool.js'
import type { Sleep } from '../util/retry.js'
import { VERSION } from '../version.js'
import { runCheck } from './run-check.js'
import type { CheckResult, RunOutcome } from '../results/types.js'

/** Options of one run. */
export interface RunOptions {
  readonly config: Config
  /** The checks to run, already validated. */
  readonly definitions: readonly CheckDefinition[]
  /** What started the run: `cli`, `demo`, `schedule:<name>`. */
  readonly trigger: string
  /** The clock (default: the system clock). */
  readonly now?: () => Date
  /** Backoff sleep (default: real time); tests make it instant. */
  readonly sleep?: Sleep
  /** Called with each check's results as they are recorded. */
  readonly onResults?: (results: readonly CheckResult[]) => void
  /** Called as each check is taken up, before its first query. */
  readonly onCheckStart?: (check: string) => void
  /**
   * When aborted (SIGTERM, SIGINT), no further check is started; checks already running finish or time out, and
   * the run is recorded as `aborted` if some check never started.
   */
  readonly signal?: AbortSignal
  /** An open store to record into and leave open (a daemon's); by default the run opens and closes its own. */
  readonly store?: ResultsStore
  /** The run's id (default: a new UUID). */
  readonly runId?: string
  /** Results recorded before the checks, e.g. the scheduled run's `load` result. */
  readonly leadingResults?: readonly CheckResult[]
}

/** A run's outcome plus what the recorder had to say. */
export interface RecordedRun extends RunOutcome {
  readonly storeProblem?: string
  readonly recovery: SpoolRecovery
  /** The run was stopped by its signal before every check started. */
  readonly aborted: boolean
  /** Ids of the checks that never started because the run was aborted. */
  readonly notStarted: readonly string[]
}

/** How many checks run at once: as many as the busiest connection allows queries, so none waits idle. */
function checkConcurrency(config: Config, definitions: readonly CheckDefinition[]): number {
  const limits = definitions.flatMap((d) =>
    [d.source.connection, d.target.connection].map(
      (c) => config.connections.get(c)?.maxConcurrentQueries ?? 1,
    ),
  )
  return Math.max(1, ...limits)
}

/**
 * Runs checks and records every result. Checks are taken up in order, as many at once as the busiest connection
 * allows queries; each connection's limit decides how many queries a database sees at once. One check's error
 * never stops another. An abort stops taking up checks and records the run as aborted.
 */
export async function executeRun(options: RunOptions): Promise<RecordedRun> {
  const now = options.now ?? (() => new Date())
  const runId = options.runId ?? randomUUID()
  const startedAt = now().toISOString()
  const recorder = await Recorder.start(
    options.config.store,
    {
      runId,
      startedAt,
      installation: options.config.installation,
      host: hostname(),
      trigger: options.trigger,
      toolVersion: VERSION,
      checks: options.definitions.length,
      pid: process.pid,
    },
    { sleep: options.sleep, store: options.store },
  )
  const leading = options.leadingResults ?? []
  if (leading.length > 0) {
    await recorder.record(leading)
    options.onResults?.(leading)
  }
  const connections = new ConnectionSet(options.config.connections, { sleep: options.sleep })
  const byCheck = new Map<string, CheckResult[]>()
  const queue = [...options.definitions]
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (options.signal?.aborted === true) {
        queue.unshift(next)
        return
      }
      const definition = next
      options.onCheckStart?.(definition.id)
      const results = await runCheck(definition, {
        runId,
        connections,
        timezone: options.config.timezone,
        now,
      })
      byCheck.set(definition.id, results)
      await recorder.record(results)
      options.onResults?.(results)
    }
  }
  try {
    const workers = Math.min(queue.length, checkConcurrency(options.config, options.definitions))
    await Promise.all(Array.from({ length: workers }, worker))
  } finally {
    await connections.close()
  }
  const notStarted = queue.map((d) => d.id)
  const aborted = notStarted.length > 0
  const results = [...leading, ...options.definitions.flatMap((d) => byCheck.get(d.id) ?? [])]
  const finishedAt = now().toISOString()
  await recorder.finish({
    runId,
    finishedAt,
    status: aborted ? 'aborted' : 'finished',
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    errors: results.filter((r) => r.status === 'error').length,
  })
  return {
    runId,
    startedAt,
    finishedAt,
    results,
    stored: recorder.stored,
    spoolFile: recorder.spoolFile,
    storeProblem: recorder.storeProblem,
    recoveredRuns: recorder.recovery.runsLoaded,
    recovery: recorder.recovery,
    aborted,
    notStarted,
  }
}
