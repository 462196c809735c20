import type { ConnectionConfig } from '../config/types.js'
import { compileStatement } from '../dialects/compile.js'
import type { Engine, EngineSession, ErrorKind, SqlDialect, Statement } from '../dialects/dialect.js'
import { engineFor } from '../dialects/registry.js'
import { describeError, type ErrorCode, ReconcileError } from '../errors/errors.js'
import { formatDuration } from '../util/duration.js'
import { Limiter } from '../util/limiter.js'
import { type Sleep, withRetry } from '../util/retry.js'

/** What one query returned, with the exact SQL the server received and how long it took. */
export interface QueryOutcome<Row> {
  readonly rows: Row[]
  readonly sql: string
  readonly parameters: readonly unknown[]
  readonly durationMs: number
}

/** A failed query: the error plus the SQL that was attempted, so results can show it. */
export class QueryError extends ReconcileError {
  readonly sql: string
  readonly parameters: readonly unknown[]
  readonly durationMs: number
  /** Name of the connection the query ran on. */
  readonly connection: string

  constructor(
    code: ErrorCode,
    message: string,
    attempt: { connection: string; sql: string; parameters: readonly unknown[]; durationMs: number },
    cause: unknown,
  ) {
    super(code, message, { cause })
    this.name = 'QueryError'
    this.connection = attempt.connection
    this.sql = attempt.sql
    this.parameters = attempt.parameters
    this.durationMs = attempt.durationMs
  }
}

const CODE_OF: Readonly<Record<ErrorKind, ErrorCode>> = {
  unreachable: 'CONNECTION_UNREACHABLE',
  auth: 'AUTH_FAILED',
  timeout: 'QUERY_TIMEOUT',
  query: 'QUERY_FAILED',
}

/**
 * A named database used read-only: every query goes through the connection's concurrency limit, runs with its
 * statement timeout, and is retried with backoff when the server is unreachable or the statement timed out.
 * Authentication failures are not retried: repeated failed logins can lock a service account.
 */
export class Connection {
  readonly engine: Engine
  private session: EngineSession | undefined
  private readonly limiter: Limiter

  constructor(
    readonly config: ConnectionConfig,
    private readonly options: { sleep?: Sleep } = {},
  ) {
    this.engine = engineFor(config.dialect)
    this.limiter = new Limiter(config.maxConcurrentQueries)
  }

  /** The connection's SQL dialect. */
  get dialect(): SqlDialect {
    return this.engine.sql
  }

  /** Host, port and database for messages; never a password. */
  get target(): string {
    return this.engine.describeTarget(this.config)
  }

  private currentSession(): EngineSession {
    this.session ??= this.engine.open(this.config)
    return this.session
  }

  /** Runs one read-only statement; throws {@link QueryError} with a message naming the connection. */
  async query<Row>(statement: Statement): Promise<QueryOutcome<Row>> {
    const compiled = compileStatement(this.currentSession().db, statement)
    const parameters = compiled.parameters
    if (parameters.length > this.dialect.maxParameters) {
      // The server would refuse it; say why before sending anything.
      throw new QueryError(
        'QUERY_FAILED',
        `query on connection "${this.config.name}" binds ${parameters.length} parameters; ${this.dialect.displayName} allows at most ${this.dialect.maxParameters} per statement`,
        { connection: this.config.name, sql: compiled.sql, parameters, durationMs: 0 },
        undefined,
      )
    }
    const started = performance.now()
    let attempts = 0
    try {
      return await this.limiter.run(() =>
        withRetry(
          async () => {
            attempts += 1
            const t0 = performance.now()
            const result = await this.currentSession().readOnly<Row>(statement)
            return { ...result, parameters, durationMs: Math.round(performance.now() - t0) }
          },
          this.config.retry,
          (error) => {
            const kind = this.engine.classify(error)
            return kind === 'unreachable' || kind === 'timeout'
          },
          {
            sleep: this.options.sleep,
            onAttemptFailed: (error) => {
              // A pool that failed to connect may keep its failure; start afresh on the next attempt.
              if (this.engine.classify(error) === 'unreachable') void this.reset()
            },
          },
        ),
      )
    } catch (error: unknown) {
      const durationMs = Math.round(performance.now() - started)
      const kind =
        error instanceof ReconcileError && error.code === 'CONNECTION_UNREACHABLE'
          ? 'unreachable'
          : this.engine.classify(error)
      throw new QueryError(
        CODE_OF[kind],
        this.explain(kind, attempts, durationMs, error),
        { connection: this.config.name, sql: compiled.sql, parameters, durationMs },
        error,
      )
    }
  }

  private explain(kind: ErrorKind, attempts: number, durationMs: number, error: unknown): string {
    const who = `connection "${this.config.name}" (${this.target})`
    const tries = attempts > 1 ? ` after ${attempts} attempts over ${formatDuration(durationMs)}` : ''
    const cause = describeError(error)
    switch (kind) {
      case 'unreachable':
        return `${who} is unreachable${tries}: ${cause}. Check the host, port, firewall and that the server is running.`
      case 'auth':
        return `login failed on ${who}: ${cause}. Check the user and the password variable; not retried, to avoid locking the account.`
      case 'timeout':
        return `query on ${who} exceeded the statement timeout of ${formatDuration(this.config.statementTimeoutMs)}${tries}: ${cause}. Raise statement_timeout or narrow the check with "where".`
      case 'query':
        return `query failed on ${who}: ${cause}`
    }
  }

  private async reset(): Promise<void> {
    const old = this.session
    this.session = undefined
    // Closing a pool that never connected can reject; there is nothing left to release then.
    await old?.close().catch(() => undefined)
  }

  /** Closes the pool; safe to call more than once. */
  async close(): Promise<void> {
    await this.reset()
  }
}

/** The connections of one run, opened on first use and closed together. */
export class ConnectionSet {
  private readonly open = new Map<string, Connection>()

  constructor(
    private readonly configs: ReadonlyMap<string, ConnectionConfig>,
    private readonly options: { sleep?: Sleep } = {},
  ) {}

  /** The connection of that name; the loader has already checked that it exists. */
  get(name: string): Connection {
    let connection = this.open.get(name)
    if (connection === undefined) {
      const config = this.configs.get(name)
      if (config === undefined) throw new ReconcileError('PLAN_INVALID', `unknown connection "${name}"`)
      connection = new Connection(config, this.options)
      this.open.set(name, connection)
    }
    return connection
  }

  /** Closes every opened connection. */
  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((c) => c.close()))
  }
}
