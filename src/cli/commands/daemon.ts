import { describeError } from '../../errors/errors.js'
import { isProcessAlive, ORPHANED_RUN_MS } from '../../pipeline/run-and-notify.js'
import { systemClock } from '../../scheduler/clock.js'
import { Daemon } from '../../scheduler/daemon.js'
import { describeStore, ResultsStore } from '../../store/results-store.js'
import { hostname } from 'node:os'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { countOf } from '../../i18n/format.js'

/** Options of `reconcile daemon`. */
export interface DaemonCommandOptions {
  readonly configFile: string
  /** Aborted on SIGTERM/SIGINT: the daemon stops cleanly. */
  readonly signal?: AbortSignal
}

/**
 * `reconcile daemon`: validates everything, marks runs left unfinished by a crash as aborted, and runs the
 * schedules until the signal aborts. Exits 0 after a clean stop, 3 on invalid configuration, 2 when the store
 * cannot be opened.
 */
export async function daemonCommand(options: DaemonCommandOptions, io: CliIo): Promise<number> {
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { config } = loaded
  const log = (line: string) => io.out(`${new Date().toISOString()} ${line}`)
  const unknown = config.schedule.runs.flatMap((r) =>
    (r.checks ?? [])
      .filter((id) => !loaded.definitions.some((d) => d.id === id))
      .map((id) => `${r.name}: ${id}`),
  )
  if (unknown.length > 0) {
    io.err(`schedule.runs names checks that do not exist: ${unknown.join(', ')}`)
    return EXIT.invalid
  }
  if (config.schedule.runs.length === 0 && config.schedule.morningReport === undefined) {
    io.err('Nothing to schedule: add schedule.runs (and schedule.morning_report) to the configuration.')
    return EXIT.invalid
  }
  let store: ResultsStore
  try {
    store = await ResultsStore.open(config.store)
  } catch (error: unknown) {
    io.err(`Cannot open the ${describeStore(config.store)}: ${describeError(error)}`)
    return EXIT.error
  }
  try {
    const now = new Date()
    const orphans = await store.abortOrphanedRuns({
      host: hostname(),
      isAlive: isProcessAlive,
      staleBefore: new Date(now.getTime() - ORPHANED_RUN_MS).toISOString(),
      now: now.toISOString(),
    })
    if (orphans.length > 0)
      log(
        `marked ${countOf(orphans.length, 'en', ['run', 'runs'])} left unfinished by a crash as aborted: ${orphans.join(', ')}`,
      )
    let definitions = loaded.definitions
    const daemon = new Daemon({
      config,
      store,
      clock: systemClock,
      log,
      loadDefinitions: async () => {
        const again = await loadAll(options.configFile)
        if (again.ok) definitions = again.definitions
        else
          log(
            `check definitions are invalid now; running the last valid ones (${countOf(again.issues.length, 'en', ['problem', 'problems'])})`,
          )
        return definitions
      },
    })
    const schedules = config.schedule.runs.map(
      (r) => `${r.name} "${r.cron}"${r.load === undefined ? '' : ' after the load'}`,
    )
    if (config.schedule.morningReport !== undefined)
      schedules.push(`morning report "${config.schedule.morningReport.cron}"`)
    log(
      `daemon started (${config.installation}, ${config.timezone}, ${describeStore(config.store)}): ${schedules.join(', ')}`,
    )
    if (config.mail === undefined) log('no mail section: incidents are tracked but no message is sent')
    daemon.start()
    await new Promise<void>((resolve) => {
      if (options.signal === undefined) return
      if (options.signal.aborted) return resolve()
      options.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    log('stopping: no new checks are started; running queries finish or time out')
    await daemon.stop()
    log('stopped')
    return EXIT.ok
  } finally {
    await store.close()
  }
}
