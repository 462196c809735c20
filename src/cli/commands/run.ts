import { randomUUID } from 'node:crypto'
import type { Config, LoadWaitConfig, ScheduledRunConfig } from '../../config/types.js'
import type { CheckDefinition } from '../../definitions/types.js'
import { describeError } from '../../errors/errors.js'
import type { MailTransport } from '../../notify/transport.js'
import { type RecordedRun } from '../../runner/run.js'
import { type NotifiedRun, runAndNotify } from '../../pipeline/run-and-notify.js'
import { type Clock, systemClock } from '../../scheduler/clock.js'
import { awaitNightLoad } from '../../scheduler/load-wait.js'
import type { CheckResult } from '../../results/types.js'
import type { Sleep } from '../../util/retry.js'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { renderNotifications, renderRun, runJson } from '../render.js'

/** Options of `reconcile run`. */
export interface RunCommandOptions {
  readonly configFile: string
  /** Run only these check ids (default: all). */
  readonly checkIds?: readonly string[]
  /** Print one JSON document instead of the table. */
  readonly json?: boolean
  /** What started the run (default `cli`). */
  readonly trigger?: string
  readonly now?: () => Date
  readonly sleep?: Sleep
  /** SIGTERM/SIGINT: stop taking up checks and record the run as aborted. */
  readonly signal?: AbortSignal
  /** Mail transport override (tests); by default the configured one. */
  readonly transport?: MailTransport
  /**
   * Wait for the night's load first, as the daemon does: `true` for the one schedule with a `load` section, or a
   * schedule's name. The deadline counts from when the command started.
   */
  readonly waitForLoad?: boolean | string
  /** Time while waiting for the load (default the system clock); tests pass hours at once. */
  readonly clock?: Clock
}

/** The exit status a run deserves: errors outrank failures; unstored results and an abort count as an error. */
export function exitCodeOf(run: RecordedRun): number {
  if (!run.stored || run.aborted || run.results.some((r) => r.status === 'error')) return EXIT.error
  if (run.results.some((r) => r.status === 'fail')) return EXIT.failed
  return EXIT.ok
}

/** A scheduled run that waits for the night's load. */
type LoadSchedule = ScheduledRunConfig & { readonly load: LoadWaitConfig }

/** The schedule whose load `--wait-for-load` waits for, or why none can be chosen. */
function loadSchedule(
  config: Config,
  wanted: boolean | string,
): { schedule: LoadSchedule } | { problem: string } {
  const withLoad = config.schedule.runs.filter((r): r is LoadSchedule => r.load !== undefined)
  if (typeof wanted === 'string') {
    const named = withLoad.find((r) => r.name === wanted)
    if (named !== undefined) return { schedule: named }
    return {
      problem: `--schedule ${wanted}: ${config.file} has no schedule.runs entry named "${wanted}" with a load section; schedules with one: ${withLoad.map((r) => r.name).join(', ') || 'none'}`,
    }
  }
  const [only, ...more] = withLoad
  if (only === undefined)
    return {
      problem: `--wait-for-load: no schedule.runs entry in ${config.file} has a load section; add schedule.runs[].load (connection, query, deadline)`,
    }
  if (more.length > 0)
    return {
      problem: `--wait-for-load: several schedules have a load section (${withLoad.map((r) => r.name).join(', ')}); name one with --schedule`,
    }
  return { schedule: only }
}

/** `reconcile run`: validates everything, runs the checks, records and prints the results. */
export async function runCommand(
  options: RunCommandOptions,
  io: CliIo,
): Promise<{ exitCode: number; run?: NotifiedRun }> {
  const loaded = await loadAll(options.configFile, options.checkIds)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return { exitCode: EXIT.invalid }
  }
  const { config } = loaded
  let definitions: readonly CheckDefinition[] = loaded.definitions
  let trigger = options.trigger ?? 'cli'
  let runId: string | undefined
  let leadingResults: CheckResult[] | undefined
  let late = false
  let load: LoadWaitConfig | undefined
  if (options.waitForLoad !== undefined && options.waitForLoad !== false) {
    const chosen = loadSchedule(config, options.waitForLoad)
    if ('problem' in chosen) {
      io.err(chosen.problem)
      return { exitCode: EXIT.invalid }
    }
    const { schedule } = chosen
    const scheduled = schedule.checks
    if ((options.checkIds ?? []).length === 0 && scheduled !== undefined) {
      const unknown = scheduled.filter((id) => !definitions.some((d) => d.id === id))
      if (unknown.length > 0) {
        io.err(`schedule.runs ${schedule.name}: checks that do not exist: ${unknown.join(', ')}`)
        return { exitCode: EXIT.invalid }
      }
      definitions = definitions.filter((d) => scheduled.includes(d.id))
    }
    load = schedule.load
    trigger = options.trigger ?? `cli:${schedule.name}`
    runId = randomUUID()
    const clock = options.clock ?? systemClock
    const startedAt = clock.now()
    io.err(
      `Waiting for the night's load on "${load.connection}" (schedule ${schedule.name}), until ${new Date(startedAt.getTime() + load.deadlineMs).toISOString()} …`,
    )
    const outcome = await awaitNightLoad({
      load,
      config,
      dueAt: startedAt,
      clock,
      runId,
      signal: options.signal,
      sleep: options.sleep,
    })
    if (outcome.status === 'aborted') {
      io.err('Stopped while waiting for the load; nothing ran and nothing was recorded.')
      return { exitCode: EXIT.error }
    }
    leadingResults = [outcome.result]
    late = outcome.status === 'late'
    io.err(`${late ? 'The load is LATE' : 'The load finished'}: ${outcome.result.message}`)
    // As the daemon: a late load would make every check compare yesterday's copy; one alert about the load instead.
    if (late) definitions = []
  }
  let run: NotifiedRun
  try {
    run = await runAndNotify({
      config,
      definitions,
      trigger,
      now: options.now,
      sleep: options.sleep,
      signal: options.signal,
      transport: options.transport,
      runId,
      leadingResults,
      load,
    })
  } catch (error: unknown) {
    // Only the recorder can throw here: neither the store nor the spool directory could be written.
    io.err(`Results could be neither stored nor spooled: ${describeError(error)}`)
    io.err(`Check that ${config.store.spoolDir} is writable.`)
    return { exitCode: EXIT.error }
  }
  if (options.json === true) io.out(JSON.stringify(runJson(run), null, 2))
  else {
    for (const line of renderRun(io, run, config.timezone)) io.out(line)
    for (const line of renderNotifications(io, run)) io.out(line)
  }
  const exitCode = exitCodeOf(run)
  // A late load has its own status, so that a scheduler can tell "the copy was not loaded" from a difference.
  return { exitCode: late && run.stored ? EXIT.loadLate : exitCode, run }
}
