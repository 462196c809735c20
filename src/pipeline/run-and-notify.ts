import { hostname } from 'node:os'
import type { Config, LoadWaitConfig } from '../config/types.js'
import { describeError } from '../errors/errors.js'
import { type IncidentOutcome, processRunIncidents } from '../incidents/process-run.js'
import type { Channel } from '../notify/channel.js'
import { type CheckInfo, checkInfoResolver } from '../notify/check-info.js'
import { closeChannels, composeContext, configuredChannels, notificationSink } from '../notify/channels.js'
import { type DeliveryReport, deliverOutbox } from '../notify/deliver.js'
import type { MessageContext } from '../notify/message.js'
import type { MailTransport } from '../notify/transport.js'
import { ResultsStore } from '../store/results-store.js'
import { type LoadedRun, loadSpool, type SpoolRecovery } from '../store/spool.js'

import { executeRun, type RecordedRun, type RunOptions } from '../runner/run.js'

/** A run recorded, with what it did to incidents and mail. */
export interface NotifiedRun extends RecordedRun {
  /** Runs found left `running` by a crashed process and marked aborted before this one started. */
  readonly orphansAborted: readonly string[]
  /** Incidents opened, updated, reminded and resolved; absent when the results were not stored. */
  readonly incidents?: IncidentOutcome
  /** What sending the due outbox messages did; absent without channels, or when the run was aborted. */
  readonly delivery?: DeliveryReport
  /** Where messages went: each channel's name and description (e.g. `mail`, `.eml files in …`). */
  readonly sentVia?: ReadonlyArray<{ readonly channel: string; readonly description: string }>
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
  const sentVia = channels.map((c) => ({ channel: c.name, description: c.description }))
  try {
    const delivery = await deliverOutbox({ store, channels, now })
    return { ...run, orphansAborted, incidents, delivery, sentVia, notifyProblem }
  } catch (error: unknown) {
    return {
      ...run,
      orphansAborted,
      incidents,
      sentVia,
      notifyProblem: `could not send the outbox: ${describeError(error)}`,
    }
  }
}
