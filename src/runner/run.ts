import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Config } from '../config/types.js'
import { ConnectionSet } from '../connections/connection.js'
import type { CheckDefinition } from '../definitions/types.js'
import { Recorder } from '../store/recorder.js'
import type { SpoolRecovery } from '../store/spool.js'
import type { Sleep } from '../util/retry.js'
import { VERSION } from '../version.js'
import { runCheck } from './run-check.js'
import type { CheckResult, RunOutcome } from './types.js'

/** Options of one run. */
export interface RunOptions {
  readonly config: Config
  /** The checks to run, already validated. */
  readonly definitions: readonly CheckDefinition[]
  /** What started the run: `cli`, `demo`, `schedule`. */
  readonly trigger: string
  /** The clock (default: the system clock). */
  readonly now?: () => Date
  /** Backoff sleep (default: real time); tests make it instant. */
  readonly sleep?: Sleep
  /** Called with each check's results as they are recorded. */
  readonly onResults?: (results: readonly CheckResult[]) => void
}

/** A run's outcome plus what the recorder had to say. */
export interface RecordedRun extends RunOutcome {
  readonly storeProblem?: string
  readonly recovery: SpoolRecovery
}

/**
 * Runs checks and records every result. All checks start together; each connection's limit decides how many
 * queries a database sees at once. One check's error never stops another.
 */
export async function executeRun(options: RunOptions): Promise<RecordedRun> {
  const now = options.now ?? (() => new Date())
  const runId = randomUUID()
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
    },
    { sleep: options.sleep },
  )
  const connections = new ConnectionSet(options.config.connections, { sleep: options.sleep })
  const byCheck = new Map<string, CheckResult[]>()
  try {
    await Promise.all(
      options.definitions.map(async (definition) => {
        const results = await runCheck(definition, {
          runId,
          connections,
          timezone: options.config.timezone,
          now,
        })
        byCheck.set(definition.id, results)
        await recorder.record(results)
        options.onResults?.(results)
      }),
    )
  } finally {
    await connections.close()
  }
  const results = options.definitions.flatMap((d) => byCheck.get(d.id) ?? [])
  const finishedAt = now().toISOString()
  await recorder.finish({
    runId,
    finishedAt,
    status: 'finished',
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
  }
}
