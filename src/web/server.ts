import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Config } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import { describeError, ReconcileError } from '../errors/errors.js'
import type { StoreQueries } from '../store/store-queries.js'
import { isLanguage, type Language } from '../i18n/language.js'
import {
  checkPage,
  controlPage,
  errorPage,
  incidentsPage,
  notFound,
  type Page,
  type PageContext,
  runPage,
  runsPage,
  todayPage,
} from './pages.js'

/** Basic-auth credentials the dashboard requires. */
export interface BasicAuth {
  readonly user: string
  readonly password: string
}

/** The environment variables that turn basic auth on; both or neither must be set. */
export const AUTH_ENV = {
  userVariable: 'RECONCILE_DASHBOARD_USER',
  passwordVariable: 'RECONCILE_DASHBOARD_PASSWORD',
} as const

/**
 * Reads basic-auth credentials from the environment: undefined when neither variable is set; throws CONFIG_INVALID
 * when only one is, so a half-configured dashboard never starts open.
 */
export function basicAuthFromEnv(env: NodeJS.ProcessEnv = process.env): BasicAuth | undefined {
  const user = env[AUTH_ENV.userVariable]
  const password = env[AUTH_ENV.passwordVariable]
  if ((user ?? '') === '' && (password ?? '') === '') return undefined
  if ((user ?? '') === '' || (password ?? '') === '') {
    throw new ReconcileError(
      'CONFIG_INVALID',
      `set both ${AUTH_ENV.userVariable} and ${AUTH_ENV.passwordVariable} for basic auth, or neither for none`,
    )
  }
  return { user: user ?? '', password: password ?? '' }
}

/** Options of the dashboard. */
export interface DashboardOptions {
  readonly config: Config
  readonly definitions: readonly CheckDefinition[]
  readonly queries: StoreQueries
  /** Address to bind (default 127.0.0.1: this machine only). */
  readonly host?: string
  /** Port (default 8080; 0 picks a free one). */
  readonly port?: number
  readonly auth?: BasicAuth
  readonly now?: () => Date
}

/** A running dashboard. */
export interface Dashboard {
  readonly server: Server
  /** Base URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>
}

const digest = (text: string) => createHash('sha256').update(text).digest()

function authorized(request: IncomingMessage, auth: BasicAuth | undefined): boolean {
  if (auth === undefined) return true
  const header = request.headers.authorization ?? ''
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header)
  if (match === null) return false
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return false
  // Digests have equal length, so the comparison takes the same time whatever was sent.
  const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), digest(auth.user))
  const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), digest(auth.password))
  return userOk && passwordOk
}

const SECURITY_HEADERS = {
  // No scripts at all, styles only inline, images only inline SVG/data: nothing is fetched from anywhere.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
} as const

function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  response.end(response.req.method === 'HEAD' ? undefined : body)
}

/** Routes a path (language prefix included) to a page. */
async function route(options: DashboardOptions, language: Language, rest: string): Promise<Page> {
  const ctx: PageContext = {
    language,
    config: options.config,
    definitions: options.definitions,
    queries: options.queries,
    now: options.now ?? (() => new Date()),
    path: rest,
  }
  try {
    if (rest === '/' || rest === '') return await todayPage(ctx)
    if (rest === '/runs') return await runsPage(ctx)
    if (rest === '/incidents') return await incidentsPage(ctx)
    if (rest === '/control') return await controlPage(ctx)
    const check = /^\/checks\/([^/]+)$/.exec(rest)
    if (check !== null) return await checkPage(ctx, decodeURIComponent(check[1] ?? ''))
    const run = /^\/runs\/([^/]+)$/.exec(rest)
    if (run !== null) return await runPage(ctx, decodeURIComponent(run[1] ?? ''))
    return notFound(ctx)
  } catch (error: unknown) {
    return errorPage(ctx, describeError(error))
  }
}

/**
 * Starts the read-only dashboard: GET and HEAD only (anything else is 405), on 127.0.0.1 unless told otherwise,
 * behind basic auth when credentials are given, every value escaped, no scripts and no external resources.
 * Pages live under `/sv/` and `/en/`; `/` redirects to the configured locale.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, describeError(error), { 'content-type': 'text/plain; charset=utf-8' })
      else response.destroy()
    })
  })
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method Not Allowed: this dashboard is read-only.\n', {
        allow: 'GET, HEAD',
        'content-type': 'text/plain; charset=utf-8',
      })
      return
    }
    if (!authorized(request, options.auth)) {
      send(response, 401, 'Authentication required.\n', {
        'www-authenticate': 'Basic realm="reconcile", charset="UTF-8"',
        'content-type': 'text/plain; charset=utf-8',
      })
      return
    }
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid')
    const [, first, ...restParts] = url.pathname.split('/')
    if (!isLanguage(first)) {
      if (url.pathname === '/') {
        send(response, 302, '', { location: `/${options.config.locale}/` })
        return
      }
      if (url.pathname === '/favicon.ico') {
        send(response, 204, '')
        return
      }
      const page = await route(options, options.config.locale, '/__not_found__')
      send(response, page.status, page.body)
      return
    }
    const page = await route(options, first, `/${restParts.join('/')}`)
    send(response, page.status, page.body)
  }
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    server,
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      }),
  }
}
