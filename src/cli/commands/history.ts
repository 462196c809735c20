import { describeError } from '../../errors/errors.js'
import { ResultsStore } from '../../store/results-store.js'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { historyJson, historyMore, renderHistory } from '../render.js'

/** Options of `reconcile history`. */
export interface HistoryOptions {
  readonly configFile: string
  readonly check?: string
  /** Only results of the last N days. */
  readonly days?: number
  readonly json?: boolean
  /** At most this many results, newest first (default {@link DEFAULT_HISTORY_LIMIT}). */
  readonly limit?: number
}

/** How many results `reconcile history` shows without `--limit`. */
export const DEFAULT_HISTORY_LIMIT = 50

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
    const filter = { check: options.check, days: options.days }
    const entries = await store.history({ ...filter, limit: options.limit ?? DEFAULT_HISTORY_LIMIT })
    const more = historyMore(entries.length, await store.historyCount(filter))
    if (options.json === true) {
      io.out(JSON.stringify(entries.map(historyJson), null, 2))
      // On stderr, so that stdout stays one JSON document.
      if (more !== null) io.err(more)
    } else {
      for (const line of renderHistory(io, entries, loaded.config.timezone)) io.out(line)
      if (more !== null) io.out(more)
    }
    return EXIT.ok
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  } finally {
    await store?.close()
  }
}
