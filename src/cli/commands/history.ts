import { describeError } from '../../errors/errors.js'
import { ResultsStore } from '../../store/results-store.js'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { renderHistory } from '../render.js'

/** Options of `reconcile history`. */
export interface HistoryOptions {
  readonly configFile: string
  readonly check?: string
  /** Only results of the last N days. */
  readonly days?: number
  readonly json?: boolean
}

/** `reconcile history`: past results from the store, newest first. */
export async function historyCommand(options: HistoryOptions, io: CliIo): Promise<number> {
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  let store: ResultsStore | undefined
  try {
    store = await ResultsStore.open(loaded.config.store)
    const entries = await store.history({ check: options.check, days: options.days })
    if (options.json === true) io.out(JSON.stringify(entries, null, 2))
    else for (const line of renderHistory(io, entries, loaded.config.timezone)) io.out(line)
    return EXIT.ok
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  } finally {
    await store?.close()
  }
}
