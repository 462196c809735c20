/**
 * The database engines the tests run against, in the spirit of Kysely's test-setup `DIALECTS`:
 *
 * ```ts
 * for (const engine of availableEngines()) {
 *   describe(engine.name, () => { ... await engine.createDatabase('cosmic') ... })
 * }
 * ```
 *
 * - `pglite` always: an embedded WASM PostgreSQL in a temp directory.
 * - `postgres` when `TEST_POSTGRES_URL` is set (`.ci/run` starts a server: see scripts/test-postgres.sh).
 * - `mssql` when `TEST_MSSQL_URL` is set (`mssql://user:password@host:port/master?…`, see test/support/mssql-url.ts;
 *   `docker compose up -d mssql` starts one): each test database is a `CREATE DATABASE` on that server.
 *
 * `TEST_ENGINES=pglite,postgres,mssql` chooses engines explicitly; an engine named there but unavailable is an
 * error, not a skip. Every skipped engine is printed once per run (by global-setup.ts), never silently passed; a
 * configured server that does not answer fails the run (global-setup.ts).
 *
 * A suite whose fixtures are PostgreSQL SQL asks `availableEngines({ pgOnly: reason })`: it runs on the engines
 * whose `fixtureSql` is `postgres`, and prints each engine it leaves out with the reason.
 */
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import * as tedious from 'tedious'
import { inject } from 'vitest'
import type { ConnectionConfig, MssqlConnectionConfig } from '../../src/config/types.js'
import { tediousConfig } from '../../src/dialects/mssql/mssql-engine.js'
import { parseMssqlUrl } from './mssql-url.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A closed, empty PGlite database directory that `createDatabase` copies (made once per run). */
    pgliteTemplate: string | undefined
    /** True once global-setup.ts has printed the skipped engines, so the workers stay quiet. */
    skippedEnginesReported: boolean
  }
}

/** The engines this file knows, in the order they run. */
export const ENGINE_NAMES = ['pglite', 'postgres', 'mssql'] as const
export type EngineName = (typeof ENGINE_NAMES)[number]

/** An isolated, writable database for one test; `cleanup` deletes it. */
export interface TestDatabase {
  /** The app's connection config for this database. */
  readonly config: ConnectionConfig
  /** The PGlite directory, the postgres URL, or the SQL Server database name of this database. */
  readonly location: string
  /**
   * Runs one or more SQL statements (no parameters) on a connection of its own, in the engine's `fixtureSql`
   * (on SQL Server: one T-SQL batch, so no `GO`). For PGlite this opens and closes the directory, and PGlite
   * allows one open instance per directory: do not call it while the app has it open.
   */
  exec(sqlText: string): Promise<void>
  /** Deletes the database. Close the app's connections to it first. */
  cleanup(): Promise<void>
}

/** One engine under test. */
export interface TestEngine {
  readonly name: EngineName
  /** The SQL language `exec` speaks: fixtures written for one run only on engines of that language. */
  readonly fixtureSql: 'postgres' | 'mssql'
  /** The schema an unqualified `CREATE TABLE` of `exec` lands in (`public`, `dbo`). */
  readonly defaultSchema: string
  /** The app's config for the database at `location` (a PGlite directory, a postgres URL, a SQL Server database). */
  connectionConfig(name: string, location: string): ConnectionConfig
  /** Creates an empty database that only the caller uses; `name` is the connection name (default `test`). */
  createDatabase(name?: string): Promise<TestDatabase>
}

/** Fast failure in tests: long statement timeout, no retries. */
const COMMON = {
  statementTimeoutMs: 60_000,
  maxConcurrentQueries: 2,
  retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 },
} as const

const pgliteEngine: TestEngine = {
  name: 'pglite',
  fixtureSql: 'postgres',
  defaultSchema: 'public',
  connectionConfig: (name, location) => ({ name, dialect: 'pglite', path: location, ...COMMON }),
  async createDatabase(name = 'test') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reconcile-pglite-'))
    // Copying the template takes ~0.4 s; a fresh PGlite runs initdb in WASM, ~2 s.
    const template = inject('pgliteTemplate')
    if (template === undefined) await (await PGlite.create(dir)).close()
    else await cp(template, dir, { recursive: true })
    return {
      config: pgliteEngine.connectionConfig(name, dir),
      location: dir,
      async exec(sqlText) {
        const db = await PGlite.create(dir)
        try {
          await db.exec(sqlText)
        } finally {
          await db.close()
        }
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    }
  },
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

/** Each database is `t_<random>` on the server of `serverUrl`, made and dropped through that URL's database. */
function postgresEngine(serverUrl: string): TestEngine {
  const engine: TestEngine = {
    name: 'postgres',
    fixtureSql: 'postgres',
    defaultSchema: 'public',
    // The URL decides the port; 5432 is only the schema's default, which pg ignores when a URL is given.
    connectionConfig: (name, location) => ({
      name,
      dialect: 'postgres',
      url: location,
      port: 5432,
      ssl: 'disable',
      ...COMMON,
    }),
    async createDatabase(name = 'test') {
      const database = `t_${randomBytes(6).toString('hex')}`
      await withClient(serverUrl, (c) => c.query(`create database ${database}`))
      const url = new URL(serverUrl)
      url.pathname = `/${database}`
      return {
        config: engine.connectionConfig(name, url.href),
        location: url.href,
        async exec(sqlText) {
          await withClient(url.href, (c) => c.query(sqlText))
        },
        cleanup: () =>
          withClient(serverUrl, async (c) => {
            await c.query(
              'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
              [database],
            )
            await c.query(`drop database if exists ${database}`)
          }),
      }
    },
  }
  return engine
}

/**
 * Runs one T-SQL batch (several statements, no parameters, no `GO`) on a connection of its own to `config`'s
 * database, through tedious as the app connects.
 */
export async function execMssqlBatch(config: MssqlConnectionConfig, sqlText: string): Promise<void> {
  const connection = new tedious.Connection(tediousConfig(config))
  try {
    await new Promise<void>((resolve, reject) => {
      connection.connect((error) => (error ? reject(error) : resolve()))
    })
    await new Promise<void>((resolve, reject) => {
      connection.execSqlBatch(new tedious.Request(sqlText, (error) => (error ? reject(error) : resolve())))
    })
  } finally {
    connection.close()
  }
}

/**
 * Each database is `t_<random>` on the server of `serverUrl`, made and dropped through that URL's database
 * (usually `master`). Written against the existing SQL Server suites and Microsoft's documentation of CREATE/DROP
 * DATABASE; never run here (no SQL Server in this environment).
 */
function mssqlEngine(serverUrl: string): TestEngine {
  const server = parseMssqlUrl(serverUrl)
  const engine: TestEngine = {
    name: 'mssql',
    fixtureSql: 'mssql',
    defaultSchema: 'dbo',
    connectionConfig: (name, location) => ({ ...server, name, database: location }),
    async createDatabase(name = 'test') {
      const database = `t_${randomBytes(6).toString('hex')}`
      // The checksum needs UTF-8 collations and OPENJSON needs compatibility level 130: both are the defaults of
      // SQL Server 2019 and later, the versions the tool supports.
      await execMssqlBatch(server, `CREATE DATABASE [${database}]`)
      const config = engine.connectionConfig(name, database) as MssqlConnectionConfig
      return {
        config,
        location: database,
        exec: (sqlText) => execMssqlBatch(config, sqlText),
        cleanup: () =>
          execMssqlBatch(
            server,
            `IF DB_ID(N'${database}') IS NOT NULL BEGIN ALTER DATABASE [${database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${database}]; END`,
          ),
      }
    },
  }
  return engine
}

/**
 * Decides the engines from the environment: the engines to test, and one line for each engine skipped.
 * Throws when `TEST_ENGINES` names an unknown engine or one that cannot run here.
 */
export function planEngines(env: NodeJS.ProcessEnv = process.env): {
  engines: TestEngine[]
  skipped: string[]
} {
  const available = new Map<EngineName, TestEngine>([['pglite', pgliteEngine]])
  const unavailable = new Map<EngineName, string>()
  const url = env.TEST_POSTGRES_URL
  if (url) available.set('postgres', postgresEngine(url))
  else unavailable.set('postgres', 'TEST_POSTGRES_URL is not set (.ci/run starts a server; see README)')
  const mssqlUrl = env.TEST_MSSQL_URL
  if (mssqlUrl) available.set('mssql', mssqlEngine(mssqlUrl))
  else
    unavailable.set('mssql', 'TEST_MSSQL_URL is not set (docker compose up -d mssql starts one; see README)')

  const requested = env.TEST_ENGINES?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const wanted = new Set<string>(requested?.length ? requested : ENGINE_NAMES)
  const unknown = [...wanted].filter((n) => !(ENGINE_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) {
    throw new Error(
      `TEST_ENGINES: unknown engine ${unknown.join(', ')}; expected a list of ${ENGINE_NAMES.join(', ')}`,
    )
  }

  const engines: TestEngine[] = []
  const skipped: string[] = []
  for (const name of ENGINE_NAMES) {
    const engine = available.get(name)
    const reason = unavailable.get(name) ?? 'unavailable'
    if (!wanted.has(name)) skipped.push(`SKIPPED engine ${name}: not in TEST_ENGINES=${env.TEST_ENGINES}`)
    else if (engine) engines.push(engine)
    else if (requested?.length)
      throw new Error(`TEST_ENGINES=${env.TEST_ENGINES} asks for ${name}, but ${reason}`)
    else skipped.push(`SKIPPED engine ${name}: ${reason}`)
  }
  return { engines, skipped }
}

let reported = false

/**
 * The engines to test in this run; prints the skipped ones once per process unless the global setup has.
 * `pgOnly`: the suite's fixtures are PostgreSQL SQL, for the reason given; engines of another `fixtureSql` are left
 * out and printed with it, every time.
 */
export function availableEngines(options: { pgOnly?: string } = {}): TestEngine[] {
  const { engines, skipped } = planEngines()
  if (!reported && !inject('skippedEnginesReported')) for (const line of skipped) console.warn(line)
  reported = true
  const { pgOnly } = options
  if (pgOnly === undefined) return engines
  for (const e of engines.filter((e) => e.fixtureSql !== 'postgres'))
    console.warn(`SKIPPED engine ${e.name} in ${callerFile()}: PostgreSQL-only fixtures (${pgOnly})`)
  return engines.filter((e) => e.fixtureSql === 'postgres')
}

/** The test file that called `availableEngines`, for the skip line. */
function callerFile(): string {
  const line = new Error().stack?.split('\n').find((l) => /\.test\.ts/.test(l)) ?? ''
  return /(test\/[^\s:()]+\.test\.ts)/.exec(line)?.[1] ?? 'a suite'
}
