import { describeError } from '../../errors/errors.js'
import type { MailTransport } from '../../notify/transport.js'
import { type NotifiedRun, type RecordedRun, runAndNotify } from '../../runner/run.js'
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
}

/** The exit status a run deserves: errors outrank failures; unstored results and an abort count as an error. */
export function exitCodeOf(run: RecordedRun): number {
  if (!run.stored || run.aborted || run.results.some((r) => r.status === 'error')) return EXIT.error
  if (run.results.some((r) => r.status === 'fail')) return EXIT.failed
  return EXIT.ok
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
  let run: NotifiedRun
  try {
    run = await runAndNotify({
      config: loaded.config,
      definitions: loaded.definitions,
      trigger: options.trigger ?? 'cli',
      now: options.now,
      sleep: options.sleep,
      signal: options.signal,
      transport: options.transport,
    })
  } catch (error: unknown) {
    // Only the recorder can throw here: neither the store nor the spool directory could be written.
    io.err(`Results could be neither stored nor spooled: ${describeError(error)}`)
    io.err(`Check that ${loaded.config.store.spoolDir} is writable.`)
    return { exitCode: EXIT.error }
  }
  if (options.json === true) io.out(JSON.stringify(runJson(run), null, 2))
  else {
    for (const line of renderRun(io, run, loaded.config.timezone)) io.out(line)
    for (const line of renderNotifications(io, run)) io.out(line)
  }
  return { exitCode: exitCodeOf(run), run }
}
