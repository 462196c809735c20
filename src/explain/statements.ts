import type { Config } from '../config/types.js'
import { ConnectionSet } from '../connections/connection.js'
import { compileStatement } from '../dialects/compile.js'
import type { Statement } from '../dialects/dialect.js'
import type { CheckDefinition, Side } from '../definitions/types.js'
import { describeError } from '../errors/errors.js'
import type { StoredResult } from '../store/stored-result.js'
import { kindOf } from '../check-kinds/index.js'
import { type PreparedSide, prepareCheck } from '../runner/run-check.js'

/** One statement a check sends to one side, and the results it feeds. */
export interface ShownStatement {
  /** The SQL text exactly as the server receives it (placeholders for parameters). */
  readonly sql: string
  /** Bound parameters: the cutoff, when the check has one. */
  readonly parameters: readonly unknown[]
  /** Result names computed from this statement, e.g. `row_count`, `sum(fee)`. */
  readonly usedBy: readonly string[]
}

/**
 * Where the statements shown for a check come from: a recorded run of this very definition (`store`), the
 * databases' catalogs at the time the document was made (`connect`), or nowhere yet (`none`, with the reason).
 */
export interface CheckStatements {
  readonly origin: 'store' | 'connect' | 'none'
  /** The run the statements were recorded in (`store`). */
  readonly runId?: string
  readonly at?: Date
  /** The cutoff bound as the parameter, when the check has one. */
  readonly cutoff?: string | null
  /** Why no statements are shown (`none`). */
  readonly problem?: string
  readonly source: readonly ShownStatement[]
  readonly target: readonly ShownStatement[]
}

function group(results: readonly StoredResult[], side: Side): ShownStatement[] {
  const out: Array<{ sql: string; parameters: readonly unknown[]; usedBy: string[] }> = []
  for (const r of results) {
    const text = side === 'source' ? r.sourceSql : r.targetSql
    if (text === null) continue
    const existing = out.find((s) => s.sql === text)
    if (existing === undefined)
      out.push({
        sql: text,
        parameters: side === 'source' ? r.sourceParameters : r.targetParameters,
        usedBy: [r.assertion],
      })
    else if (!existing.usedBy.includes(r.assertion)) existing.usedBy.push(r.assertion)
  }
  return out
}

/** The statements of a recorded run of a check (see StoreQueries.latestRunOfDefinition). */
export function statementsFromResults(results: readonly StoredResult[]): CheckStatements {
  const first = results[0]
  if (first === undefined) return { origin: 'none', source: [], target: [] }
  return {
    origin: 'store',
    runId: first.runId,
    at: first.evaluatedAt,
    cutoff: first.cutoff,
    source: group(results, 'source'),
    target: group(results, 'target'),
  }
}

async function compileSide(definition: CheckDefinition, side: PreparedSide): Promise<ShownStatement[]> {
  const connection = side.plan.connection
  // A session compiles without connecting: nothing is sent to the server here.
  const session = connection.engine.open(connection.config)
  try {
    const keysOf = (i: number) => {
      const assertion = definition.assertions[i]
      return assertion === undefined ? [] : kindOf(assertion).resultKeys(assertion)
    }
    const compile = (statement: Statement, usedBy: string[]): ShownStatement => ({
      ...compileStatement(session.db, statement),
      usedBy,
    })
    const profileKeys = definition.assertions.flatMap((_, i) => (side.own.has(i) ? [] : keysOf(i)))
    const shown = [compile(side.profile, profileKeys)]
    for (const [i, statement] of side.own) shown.push(compile(statement, keysOf(i)))
    return shown
  } finally {
    await session.close()
  }
}

/**
 * Builds each check's statements by preparing it against the databases: runs the cutoff query and reads the
 * catalogs, scans no data. A check that cannot be prepared gets `origin: 'none'` and the reason.
 */
export async function statementsByConnecting(
  config: Config,
  definitions: readonly CheckDefinition[],
  now: () => Date = () => new Date(),
): Promise<Map<string, CheckStatements>> {
  const connections = new ConnectionSet(config.connections)
  const out = new Map<string, CheckStatements>()
  try {
    for (const definition of definitions) {
      try {
        const prepared = await prepareCheck(definition, {
          runId: 'explain',
          connections,
          timezone: config.timezone,
          now,
        })
        out.set(definition.id, {
          origin: 'connect',
          at: now(),
          cutoff: prepared.cutoff,
          source: await compileSide(definition, prepared.source),
          target: await compileSide(definition, prepared.target),
        })
      } catch (error: unknown) {
        out.set(definition.id, { origin: 'none', problem: describeError(error), source: [], target: [] })
      }
    }
  } finally {
    await connections.close()
  }
  return out
}
