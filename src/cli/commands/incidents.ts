import { describeError } from '../../errors/errors.js'
import { formatAge } from '../../notify/locale.js'
import { ResultsStore } from '../../store/results-store.js'
import { formatInZone } from '../../util/time-zone.js'
import { EXIT } from '../exit-codes.js'
import { type CliIo, paint } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { table } from '../render.js'

/** Options of `reconcile incidents`. */
export interface IncidentsOptions {
  readonly configFile: string
  /** Also resolved incidents (default: only open ones). */
  readonly all?: boolean
  readonly check?: string
  readonly json?: boolean
  readonly now?: () => Date
}

/** `reconcile incidents`: open incidents (or all with --all), oldest first, with age and what failed last. */
export async function incidentsCommand(options: IncidentsOptions, io: CliIo): Promise<number> {
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { timezone } = loaded.config
  let store: ResultsStore | undefined
  try {
    store = await ResultsStore.open(loaded.config.store)
    const incidents = await store.incidents.list({ check: options.check, openOnly: options.all !== true })
    if (options.json === true) {
      io.out(JSON.stringify(incidents, null, 2))
      return EXIT.ok
    }
    if (incidents.length === 0) {
      io.out(options.all === true ? 'No incidents recorded.' : 'No open incidents.')
      return EXIT.ok
    }
    const now = (options.now ?? (() => new Date()))().getTime()
    const local = (iso: string) => formatInZone(new Date(iso).getTime(), timezone).slice(0, 16)
    const rows = [['STATUS', 'CHECK', 'OPENED', 'AGE', 'LAST SEEN', 'RUNS', 'LAST', 'ID', 'SUMMARY']]
    for (const i of incidents) {
      const end = i.resolvedAt === null ? now : new Date(i.resolvedAt).getTime()
      rows.push([
        i.status === 'open' ? 'OPEN' : 'resolved',
        i.checkId,
        local(i.openedAt),
        formatAge(end - new Date(i.openedAt).getTime(), 'en'),
        local(i.lastSeenAt),
        String(i.occurrences),
        i.lastStatus.toUpperCase(),
        i.incidentId.slice(0, 8),
        i.summary,
      ])
    }
    table(rows, 60).forEach((line, n) => io.out(n === 0 ? paint(io, 'dim', line) : line))
    io.out(paint(io, 'dim', `Times in ${timezone}. AGE is how long it has been (or was) open.`))
    return EXIT.ok
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  } finally {
    await store?.close()
  }
}
