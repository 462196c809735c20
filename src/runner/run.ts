import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Config, LoadWaitConfig } from '../config/types.js'
import { ConnectionSet } from '../connections/connection.js'
import type { CheckDefinition } from '../definitions/types.js'
import { describeError } from '../errors/errors.js'
import { type IncidentOutcome, processRunIncidents } from '../incidents/process-run.js'
import type { Channel } from '../notify/channel.js'
import { type CheckInfo, checkInfoResolver } from '../notify/check-info.js'
import { closeChannels, composeContext, configuredChannels, notificationSink } from '../notify/channels.js'
import { type DeliveryReport, deliverOutbox } from '../notify/deliver.js'
import type { MessageContext } from '../notify/message.js'
import type { MailTransport } from '../notify/transport.js'
import { Recorder } from '../store/recorder.js'
import { ResultsStore } from '../store/results-store.js'
import { type LoadedRun, loadSpool, type SpoolRecovery } from '../store/spool.js'
import type { Sleep } from '../util/retry.js'
import { VERSION } from '../version.js'
import { runCheck } from './run-check.js'
import type { CheckResult, RunOutcome } from './types.js'

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

/** A run recorded, with what it did to incidents and mail. */
export interface NotifiedRun extends RecordedRun {
  /** Runs found left `running` by a crashed process and marked aborted before this one started. */
  readonly orphansAborted: readonly string[]
  /** Incidents opened, updated, reminded and resolved; absent when the results were not stored. */
  readonly incidents?: IncidentOutcome
  /** What sending the due outbox messages did; absent without channels, or when the run was aborted. */
  readonly delivery?: DeliveryReport
  /** Where messages went: the channels' descriptions. */
  readonly mailTo?: string
  /** Why incidents or mail could not be processed, when they could not. */
  readonly notifyProblem?: string
}

/** Options of {@link runAndNotify}. */
export interface RunAndNotifyOptions extends RunOptions {
  /** Send due outbox messages after queuing (default true). An aborted run only queues. */
  readonly deliver?: boolean
  /** The mail transport (default: the configured one, opened and closed by this call). */
  readonly transport?: MailTransport
  /** Channels already open, left open by this call (the daemon's); default: the configured ones, with `transport`. */
  readonly channels?: readonly Channel[]
  /** The load wait of the schedule that started the run, for the `load` check's description. */
  readonly load?: LoadWaitConfig
}

/** The message context of a configuration, or null when it has no mail section. */
export function messageContext(config: Config): MessageContext | null {
  if (config.mail === undefined) return null
  return {
    installation: config.installation,
    locale: config.locale,
    timezone: config.timezone,
    recipients: config.mail.recipients,
    reminderAfterMs: config.reminderAfterMs,
  }
}

/** A process id is alive when signal 0 can reach it (EPERM means it exists under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/** Runs still `running` after this long are taken to be from a crashed process on another host. */
export const ORPHANED_RUN_MS = 24 * 3_600_000

/** Two recoveries as one: the runs loaded before this run's checks and those its recorder loaded. */
function mergeRecovery(a: SpoolRecovery, b: SpoolRecovery): SpoolRecovery {
  return {
    runsLoaded: a.runsLoaded + b.runsLoaded,
    resultsLoaded: a.resultsLoaded + b.resultsLoaded,
    runs: [...a.runs, ...b.runs],
    problems: [...a.problems, ...b.problems],
  }
}

/** Incident outcomes of several runs as one, in order. */
function mergeOutcomes(outcomes: readonly IncidentOutcome[]): IncidentOutcome {
  return {
    opened: outcomes.flatMap((o) => o.opened),
    updated: outcomes.flatMap((o) => o.updated),
    reminded: outcomes.flatMap((o) => o.reminded),
    resolved: outcomes.flatMap((o) => o.resolved),
    queued: outcomes.reduce((n, o) => n + o.queued, 0),
    unaddressed: outcomes.flatMap((o) => o.unaddressed),
  }
}

/**
 * The one path every run takes, whether `reconcile run` or the daemon started it: marks runs left unfinished by
 * a crash as aborted, runs and records the checks, then (once the results are stored) updates the incidents,
 * queues their messages in the outbox, and sends what is due. Never throws for a notification problem: it is
 * returned as `notifyProblem`, and the messages stay in the outbox for the next run or daemon tick.
 */
export async function runAndNotify(options: RunAndNotifyOptions): Promise<NotifiedRun> {
  const { config } = options
  const now = options.now ?? (() => new Date())
  let store = options.store
  let ownStore = false
  if (store === undefined) {
    try {
      store = await ResultsStore.open(config.store, { sleep: options.sleep })
      ownStore = true
    } catch {
      // The recorder tries again and spools the results; incidents wait for the store to come back.
      store = undefined
    }
  }
  try {
    let orphansAborted: string[] = []
    let notifyProblem: string | undefined
    let spooled: SpoolRecovery = { runsLoaded: 0, resultsLoaded: 0, runs: [], problems: [] }
    if (store !== undefined) {
      // Spooled runs are loaded before orphans are looked for: a run whose store died mid-run left its row
      // `running`, and its spool holds how it truly ended. Loaded first, it is recorded `finished`, not `aborted`.
      spooled = await loadSpool(config.store.spoolDir, store, now())
      try {
        const at = now()
        orphansAborted = await store.abortOrphanedRuns({
          host: hostname(),
          isAlive: isProcessAlive,
          staleBefore: new Date(at.getTime() - ORPHANED_RUN_MS).toISOString(),
          now: at.toISOString(),
        })
      } catch (error: unknown) {
        notifyProblem = `could not check for runs left unfinished: ${describeError(error)}`
      }
    }
    const executed = await executeRun({ ...options, store })
    const run: RecordedRun = {
      ...executed,
      recovery: mergeRecovery(spooled, executed.recovery),
      recoveredRuns: spooled.runsLoaded + executed.recoveredRuns,
    }
    if (store === undefined) return { ...run, orphansAborted, notifyProblem }
    const infoOf = checkInfoResolver(options.definitions, options.load, config.locale)
    const channels = options.channels ?? configuredChannels(config, { transport: options.transport })
    try {
      return await notifyRun({ ...options, store, run, orphansAborted, notifyProblem, now, channels, infoOf })
    } finally {
      if (options.channels === undefined) closeChannels(channels)
    }
  } finally {
    if (ownStore) await store?.close()
  }
}

/**
 * Updates the incidents with a recorded run's results (and those of runs loaded from the spool), queuing each
 * channel's notifications, then sends what is due unless the run was aborted or `deliver` is false.
 */
async function notifyRun(
  options: RunAndNotifyOptions & {
    store: ResultsStore
    run: RecordedRun
    orphansAborted: string[]
    notifyProblem: string | undefined
    now: () => Date
    channels: readonly Channel[]
    infoOf: (check: string) => CheckInfo
  },
): Promise<NotifiedRun> {
  const { config, store, run, orphansAborted, notifyProblem, now, channels } = options
  const notify = notificationSink(channels, composeContext(config, options.infoOf))
  const outcomes: IncidentOutcome[] = []
  // Results loaded from the spool go through incidents and alerts as if stored on time, oldest run first and
  // dated at the run that found them, with alerts marked as stored late.
  const late: LoadedRun[] = run.recovery.runs.filter((r) => r.results.length > 0)
  try {
    for (const loaded of late) {
      outcomes.push(
        await processRunIncidents({
          store,
          results: loaded.results,
          notify,
          now: new Date(loaded.finish.finishedAt),
          reminderAfterMs: config.reminderAfterMs,
          late: { status: loaded.finish.status, storedAt: now().toISOString() },
        }),
      )
    }
    if (run.stored) {
      outcomes.push(
        await processRunIncidents({
          store,
          results: run.results,
          notify,
          now: now(),
          reminderAfterMs: config.reminderAfterMs,
        }),
      )
    }
  } catch (error: unknown) {
    return { ...run, orphansAborted, notifyProblem: `could not update incidents: ${describeError(error)}` }
  }
  if (outcomes.length === 0) return { ...run, orphansAborted, notifyProblem }
  const incidents = mergeOutcomes(outcomes)
  if (channels.length === 0 || run.aborted || options.deliver === false) {
    return { ...run, orphansAborted, incidents, notifyProblem }
  }
  const mailTo = channels.map((c) => c.description).join(', ')
  try {
    const delivery = await deliverOutbox({ store, channels, now })
    return { ...run, orphansAborted, incidents, delivery, mailTo, notifyProblem }
  } catch (error: unknown) {
    return {
      ...run,
      orphansAborted,
      incidents,
      mailTo,
      notifyProblem: `could not send the outbox: ${describeError(error)}`,
    }
  }
}
