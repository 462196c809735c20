import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import cron, { type ScheduledTask } from 'node-cron'
import type { Config, ScheduledRunConfig } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import { describeError } from '../errors/errors.js'
import type { Channel } from '../notify/channel.js'
import { closeChannels, configuredChannels } from '../notify/channels.js'
import { deliverOutbox, senderId } from '../notify/deliver.js'
import { queueMorningReport } from '../notify/queue-report.js'
import type { MailTransport } from '../notify/transport.js'
import { type NotifiedRun, runAndNotify } from '../pipeline/run-and-notify.js'
import type { UnfinishedClaim } from '../store/claim-store.js'
import type { ResultsStore } from '../store/results-store.js'
import type { Sleep } from '../util/retry.js'
import type { Clock } from './clock.js'
import { awaitNightLoad } from './load-wait.js'
import { dueSlots, type Slot } from './slots.js'

/** The name under which morning report slots are claimed. */
export const MORNING_REPORT_SCHEDULE = 'morning-report'

/** Leeway of a waiting morning report: it is queued this long before its catch-up window closes, in ms. */
const REPORT_WAIT_MARGIN_MS = 5 * 60_000

/**
 * Until when a morning report due at `dueAt` waits for the night's run in progress: while its slot is still in
 * the catch-up window, minus a margin of a few ticks so that it is still queued then.
 */
export function reportWaitLimit(dueAt: Date, catchUpMs: number): Date {
  return new Date(dueAt.getTime() + Math.max(0, catchUpMs - REPORT_WAIT_MARGIN_MS))
}

/** What a daemon needs. */
export interface DaemonOptions {
  readonly config: Config
  /** Reads the check definitions; called before each run, so edits to checks/ apply without a restart. */
  readonly loadDefinitions: () => Promise<readonly CheckDefinition[]>
  /** The daemon's store, open for its lifetime. */
  readonly store: ResultsStore
  readonly clock: Clock
  /** One line per event; never values from the databases. */
  readonly log: (line: string) => void
  /** Mail transport (default: the configured one). */
  readonly transport?: MailTransport
  /** Who claims slots and takes messages (default `host:pid`). */
  readonly owner?: string
  /** Retry backoff of queries (default real time). */
  readonly sleep?: Sleep
}

/** Events a daemon emits, for logs and tests. */
export interface DaemonEvents {
  claimed: [slot: Slot]
  /** Another daemon had already claimed the slot. */
  taken: [slot: Slot]
  'run-finished': [slot: Slot, run: NotifiedRun]
  'run-failed': [slot: Slot, error: string]
  'report-queued': [slot: Slot, subject: string]
  /** A due morning report waits for the night's run, in progress on this or another daemon. */
  'report-waiting': [slot: Slot, run: UnfinishedClaim]
  released: [slot: Slot]
  'tick-failed': [error: string]
  /** A scheduled run took up a check. */
  'check-started': [check: string]
}

/**
 * `reconcile daemon`: runs the configured schedules after each night's load, sends the morning report, and keeps
 * retrying the outbox. Each tick (every minute by node-cron, and at each schedule's own time) claims the due
 * slots in the results store, so that two daemons against one store never run a slot twice and a restarted one
 * knows what already ran. At most one scheduled run is in progress at a time; a morning report due during a run
 * waits for it, whichever daemon runs it (see {@link reportWaitLimit}). Time comes from the injected clock.
 */
export class Daemon extends EventEmitter<DaemonEvents> {
  private readonly owner: string
  private readonly stopping = new AbortController()
  private readonly tasks: ScheduledTask[] = []
  private ticking: Promise<void> | undefined
  private tickAgain = false
  private job: Promise<void> | undefined
  private jobController: AbortController | undefined
  private channelsInstance: Channel[] | undefined
  /** Morning report slots already logged as waiting, so that each minute's tick does not log it again. */
  private readonly reportsWaiting = new Set<string>()

  constructor(private readonly options: DaemonOptions) {
    super()
    this.owner = options.owner ?? senderId()
  }

  /** The configured channels, opened on first use. */
  private get channels(): Channel[] {
    this.channelsInstance ??= configuredChannels(this.options.config, { transport: this.options.transport })
    return this.channelsInstance
  }

  /** Starts the node-cron triggers in the configured zone: one per schedule and one every minute. */
  start(): void {
    const { config } = this.options
    const timezone = config.timezone
    const trigger = () => void this.tick()
    const expressions = [
      '* * * * *',
      ...config.schedule.runs.map((r) => r.cron),
      ...(config.schedule.morningReport === undefined ? [] : [config.schedule.morningReport.cron]),
    ]
    for (const [i, expression] of expressions.entries()) {
      this.tasks.push(
        cron.schedule(expression, trigger, { timezone, noOverlap: true, name: `reconcile-${i}` }),
      )
    }
    trigger()
  }

  /**
   * One tick: claims and starts a due scheduled run (unless one is running), queues a due morning report, and
   * sends what the outbox has due. Ticks never overlap: a tick asked for while one runs is run right after it.
   */
  tick(): Promise<void> {
    if (this.ticking !== undefined) {
      this.tickAgain = true
      return this.ticking
    }
    this.ticking = (async () => {
      try {
        do {
          this.tickAgain = false
          await this.tickOnce()
        } while (this.tickAgain && !this.stopping.signal.aborted)
      } finally {
        this.ticking = undefined
      }
    })()
    return this.ticking
  }

  private async tickOnce(): Promise<void> {
    if (this.stopping.signal.aborted) return
    try {
      if (this.job === undefined) await this.claimRun()
      if (this.job === undefined) await this.morningReport()
      await this.deliver()
    } catch (error: unknown) {
      const reason = describeError(error)
      this.options.log(`tick failed: ${reason}`)
      this.emit('tick-failed', reason)
    }
  }

  private slotsOf(schedule: string, expression: string): Slot[] {
    const { config, clock } = this.options
    return dueSlots({
      schedule,
      cron: expression,
      now: clock.now(),
      timezone: config.timezone,
      catchUpMs: config.schedule.catchUpMs,
    })
  }

  private async claim(slot: Slot): Promise<boolean> {
    const claims = this.options.store.claims
    if (await claims.isTaken(slot.schedule, slot.slot)) return false
    const won = await claims.claim({
      schedule: slot.schedule,
      slot: slot.slot,
      dueAt: slot.dueAt.toISOString(),
      claimedBy: this.owner,
      claimedAt: this.options.clock.now().toISOString(),
    })
    if (won) {
      this.options.log(`claimed ${slot.schedule} ${slot.slot} (due ${slot.dueAt.toISOString()})`)
      this.emit('claimed', slot)
    } else {
      this.options.log(`${slot.schedule} ${slot.slot} was claimed by another daemon`)
      this.emit('taken', slot)
    }
    return won
  }

  private async claimRun(): Promise<void> {
    for (const schedule of this.options.config.schedule.runs) {
      for (const slot of this.slotsOf(schedule.name, schedule.cron)) {
        if (!(await this.claim(slot))) continue
        const controller = new AbortController()
        this.jobController = controller
        this.job = this.runSlot(schedule, slot, controller.signal).finally(() => {
          this.job = undefined
          this.jobController = undefined
          // The next slot, or a morning report that waited for this run, is taken up at once.
          if (!this.stopping.signal.aborted) void this.tick()
        })
        return
      }
    }
  }

  private async runSlot(schedule: ScheduledRunConfig, slot: Slot, signal: AbortSignal): Promise<void> {
    const { config, store, clock, log } = this.options
    const claims = store.claims
    try {
      const all = await this.options.loadDefinitions()
      const definitions =
        schedule.checks === undefined ? all : all.filter((d) => schedule.checks?.includes(d.id))
      const runId = randomUUID()
      let leading = undefined
      let toRun = definitions
      if (schedule.load !== undefined) {
        log(`${slot.schedule} ${slot.slot}: waiting for the night's load on "${schedule.load.connection}"`)
        const outcome = await awaitNightLoad({
          load: schedule.load,
          config,
          dueAt: slot.dueAt,
          clock,
          runId,
          signal,
          sleep: this.options.sleep,
        })
        if (outcome.status === 'aborted') {
          await claims.finish(slot.schedule, slot.slot, {
            status: 'released',
            at: clock.now().toISOString(),
            note: 'stopped while waiting for the load; nothing ran',
          })
          log(
            `${slot.schedule} ${slot.slot}: stopped while waiting for the load; released for the next daemon`,
          )
          this.emit('released', slot)
          return
        }
        const result = outcome.result
        leading = [result]
        log(
          `${slot.schedule} ${slot.slot}: load ${result.status === 'pass' ? 'finished' : 'LATE'}: ${result.message}`,
        )
        // A late load would make every check compare yesterday's copy: one clear alert about the load instead.
        if (outcome.status === 'late') toRun = []
      }
      const run = await runAndNotify({
        config,
        definitions: toRun,
        trigger: `schedule:${schedule.name}`,
        now: () => clock.now(),
        sleep: this.options.sleep,
        signal,
        store,
        runId,
        leadingResults: leading,
        onCheckStart: (check) => this.emit('check-started', check),
        channels: this.channels,
        load: schedule.load,
      })
      await claims.finish(slot.schedule, slot.slot, {
        status: run.aborted ? 'aborted' : 'done',
        at: clock.now().toISOString(),
        runId: run.runId,
        note: run.aborted ? `aborted; not started: ${run.notStarted.join(', ')}` : undefined,
      })
      const count = (s: string) => run.results.filter((r) => r.status === s).length
      log(
        `${slot.schedule} ${slot.slot}: run ${run.runId} ${run.aborted ? 'ABORTED' : 'finished'}: ${count('pass')} passed, ${count('fail')} failed, ${count('error')} could not run; incidents opened ${run.incidents?.opened.length ?? 0}, resolved ${run.incidents?.resolved.length ?? 0}; mail sent ${run.delivery?.sent.length ?? 0}, failed ${run.delivery?.failed.length ?? 0}${run.notifyProblem === undefined ? '' : `; ${run.notifyProblem}`}`,
      )
      this.emit('run-finished', slot, run)
    } catch (error: unknown) {
      const reason = describeError(error)
      log(`${slot.schedule} ${slot.slot}: run failed: ${reason}`)
      await claims
        .finish(slot.schedule, slot.slot, { status: 'aborted', at: clock.now().toISOString(), note: reason })
        .catch((e: unknown) => log(`could not record the end of ${slot.slot}: ${describeError(e)}`))
      this.emit('run-failed', slot, reason)
    }
  }

  private async morningReport(): Promise<void> {
    const { config, store, clock } = this.options
    const report = config.schedule.morningReport
    // Without a channel (no mail section, no webhook) the report has nowhere to go.
    if (report === undefined || this.channels.length === 0) return
    for (const slot of this.slotsOf(MORNING_REPORT_SCHEDULE, report.cron)) {
      // A report already queued waits for nothing, whatever runs later.
      if (await store.claims.isTaken(slot.schedule, slot.slot)) continue
      const unfinished = await this.nightRunInProgress(slot)
      const limit = reportWaitLimit(slot.dueAt, config.schedule.catchUpMs)
      if (unfinished !== undefined && clock.now() < limit) {
        // The run may be on another daemon: the slot stays unclaimed, and whichever daemon ticks first after the
        // run has finished (or at the limit) queues the report.
        if (!this.reportsWaiting.has(slot.slot)) {
          this.reportsWaiting.add(slot.slot)
          this.options.log(
            `morning report ${slot.slot} waits for ${unfinished.schedule} ${unfinished.slot} (claimed by ${unfinished.claimedBy}), at most until ${limit.toISOString()}`,
          )
        }
        this.emit('report-waiting', slot, unfinished)
        continue
      }
      if (!(await this.claim(slot))) continue
      this.reportsWaiting.delete(slot.slot)
      const { subject, unaddressed } = await queueMorningReport({
        store,
        config,
        channels: this.channels,
        definitions: await this.options.loadDefinitions(),
        now: clock.now(),
        key: `report:${slot.slot}`,
        unfinishedRun:
          unfinished === undefined
            ? undefined
            : { schedule: unfinished.schedule, since: unfinished.claimedAt },
      })
      const at = clock.now().toISOString()
      if (unaddressed.length > 0)
        this.options.log('morning report not mailed: mail.recipients.report is empty')
      await store.claims.finish(slot.schedule, slot.slot, { status: 'done', at, note: subject })
      this.options.log(`morning report ${slot.slot} queued: ${subject}`)
      this.emit('report-queued', slot, subject)
    }
  }

  /**
   * The night's scheduled run that is claimed but not finished, on any daemon sharing the store: a run slot due in
   * the day before the report slot (oldest first), or undefined.
   */
  private async nightRunInProgress(report: Slot): Promise<UnfinishedClaim | undefined> {
    const runs = this.options.config.schedule.runs.map((r) => r.name)
    const dueTo = report.dueAt.getTime()
    const [first] = await this.options.store.claims.unfinished(
      runs,
      new Date(dueTo - 86_400_000).toISOString(),
      new Date(dueTo).toISOString(),
    )
    return first
  }

  private async deliver(): Promise<void> {
    const { store, clock, log } = this.options
    const channels = this.channels
    if (channels.length === 0) return
    const report = await deliverOutbox({ store, channels, now: () => clock.now(), owner: this.owner })
    const via = new Map(channels.map((c) => [c.name, c.description]))
    for (const s of report.sent)
      log(`sent ${s.message.kind} "${s.message.subject}" via ${via.get(s.message.channel) ?? s.via}`)
    for (const f of report.failed) {
      log(
        `could not send ${f.message.kind} "${f.message.subject}": ${f.error}; ${f.retryAt === null ? 'gave up (reconcile outbox --retry)' : `next attempt ${f.retryAt}`}`,
      )
    }
  }

  /** Resolves when no scheduled run is in progress and no tick is running. */
  async idle(): Promise<void> {
    while (this.job !== undefined || this.ticking !== undefined) {
      await Promise.all([this.job, this.ticking])
    }
  }

  /**
   * Stops: no new ticks, the running run takes up no further check (running queries finish or time out) and is
   * recorded as aborted if unfinished; a wait for the load ends and its slot is released. Resolves when done.
   */
  async stop(): Promise<void> {
    this.stopping.abort()
    this.jobController?.abort()
    for (const task of this.tasks.splice(0)) await task.destroy()
    await this.idle()
    closeChannels(this.channelsInstance ?? [])
  }
}
