import { once } from 'node:events'
import { describeError } from '../../errors/errors.js'
import { StoreQueries } from '../../store/store-queries.js'
import { openStoreForReading } from '../../store/open-for-reading.js'
import { AUTH_ENV, basicAuthFromEnv, type Dashboard, startDashboard } from '../../web/server.js'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'

/** `reconcile serve --help`. */
export const SERVE_HELP = `Usage: reconcile serve [options]

Serves a read-only dashboard of the results store: today's verdict and every check's status,
each check's history with a chart of source and target values, incidents, runs, and the
control document, in Swedish (/sv/) and English (/en/). It only reads: GET and HEAD requests,
no write actions, no scripts, nothing loaded from the internet.

Options:
  -c, --config FILE   configuration file (default config/reconcile.yaml)
  --host ADDRESS      address to listen on (default 127.0.0.1: this machine only;
                      0.0.0.0 for every interface, then set basic auth)
  --port N            port (default 8080)
  -h, --help          show this help

Basic auth: set both ${AUTH_ENV.userVariable} and ${AUTH_ENV.passwordVariable} in the
environment; the browser then asks for them. Use a reverse proxy with TLS when the
dashboard is reached over the network.

A PGlite store serves one process at a time: the dashboard opens it only while a page
reads it, so a run can write between pages (and a page waits while a run writes). A
PostgreSQL store serves both at once. Stop with Ctrl+C.

Exit status: 0 stopped, 2 the store could not be read or the port is taken, 3 invalid
configuration or options.`

/** Options of `reconcile serve`. */
export interface ServeOptions {
  readonly configFile: string
  readonly host?: string
  /** Port as given on the command line (default 8080). */
  readonly port?: string
  readonly env?: NodeJS.ProcessEnv
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  readonly until?: Promise<unknown>
  /** Called once the dashboard listens (for tests and embedding). */
  readonly onListening?: (dashboard: Dashboard) => void
}

/** `reconcile serve`: runs the read-only dashboard until stopped. Returns the exit status. */
export async function serveCommand(options: ServeOptions, io: CliIo): Promise<number> {
  const port = options.port === undefined ? 8080 : Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`--port: expected a port number 0–65535, got "${options.port}"`)
    return EXIT.invalid
  }
  let auth
  try {
    auth = basicAuthFromEnv(options.env ?? process.env)
  } catch (error: unknown) {
    io.err(describeError(error))
    return EXIT.invalid
  }
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  let queries: StoreQueries
  try {
    queries = new StoreQueries(await openStoreForReading(loaded.config.store))
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  }
  let dashboard: Dashboard
  try {
    dashboard = await startDashboard({
      config: loaded.config,
      definitions: loaded.definitions,
      queries,
      host: options.host,
      port,
      auth,
    })
  } catch (error: unknown) {
    await queries.close()
    io.err(`Cannot start the dashboard: ${describeError(error)}`)
    return EXIT.error
  }
  const host = options.host ?? '127.0.0.1'
  io.out(`Dashboard of ${loaded.config.installation}: ${dashboard.url}${loaded.config.locale}/ (read-only)`)
  if (auth === undefined && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    io.err(
      `Warning: listening on ${host} without basic auth; set ${AUTH_ENV.userVariable} and ${AUTH_ENV.passwordVariable}.`,
    )
  }
  options.onListening?.(dashboard)
  try {
    await (options.until ?? Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]))
  } finally {
    await dashboard.close()
    await queries.close()
  }
  io.out('Dashboard stopped.')
  return EXIT.ok
}
