import type { Config } from '../config/types.js'
import type { LoginPrivileges, PrivilegeRow, TableName } from '../dialects/dialect.js'
import type { CheckDefinition } from '../definitions/types.js'
import { SIDES } from '../definitions/types.js'
import type { Connection, ConnectionSet } from './connection.js'

/** What a connection's login could do beyond reading, or why that is not known. */
export type PrivilegeOutcome =
  | {
      readonly status: 'checked'
      readonly connection: string
      readonly target: string
      /** How many checked tables were asked about. */
      readonly tables: number
      readonly privileges: LoginPrivileges
    }
  /** The engine has no logins (embedded PGlite): privileges do not apply. */
  | { readonly status: 'not_applicable'; readonly connection: string; readonly target: string }
  | {
      readonly status: 'error'
      readonly connection: string
      readonly target: string
      readonly error: unknown
    }

/**
 * The tables each connection's checks read, by connection name, sorted and once each; a connection used only
 * through `query` datasets, or only by a load wait, is present with no tables. Connections nothing uses are absent.
 */
export function tablesByConnection(
  definitions: readonly Pick<CheckDefinition, 'source' | 'target'>[],
  config: Pick<Config, 'schedule'>,
): Map<string, TableName[]> {
  const found = new Map<string, Map<string, TableName>>()
  const use = (connection: string) => {
    let tables = found.get(connection)
    if (tables === undefined) {
      tables = new Map()
      found.set(connection, tables)
    }
    return tables
  }
  for (const definition of definitions) {
    for (const side of SIDES) {
      const dataset = definition[side]
      const tables = use(dataset.connection)
      if (dataset.table !== undefined)
        tables.set(`${dataset.table.schema}.${dataset.table.name}`, dataset.table)
    }
  }
  for (const run of config.schedule.runs) if (run.load !== undefined) use(run.load.connection)
  return new Map(
    [...found.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, tables]) => [
        name,
        [...tables.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, t]) => t),
      ]),
  )
}

/** Asks one connection what its login could do beyond reading `tables`; never throws. */
export async function checkPrivileges(
  connection: Connection,
  tables: readonly TableName[],
): Promise<PrivilegeOutcome> {
  const base = { connection: connection.config.name, target: connection.target }
  const check = connection.engine.privileges
  if (check === undefined) return { status: 'not_applicable', ...base }
  try {
    const { rows } = await connection.query<PrivilegeRow>(check.statement(tables))
    return { status: 'checked', ...base, tables: tables.length, privileges: check.read(rows) }
  } catch (error: unknown) {
    return { status: 'error', ...base, error }
  }
}

/** {@link checkPrivileges} for every connection the definitions and load waits use, in name order. */
export async function checkAllPrivileges(
  definitions: readonly CheckDefinition[],
  config: Pick<Config, 'schedule'>,
  connections: ConnectionSet,
): Promise<PrivilegeOutcome[]> {
  const outcomes: PrivilegeOutcome[] = []
  for (const [name, tables] of tablesByConnection(definitions, config)) {
    outcomes.push(await checkPrivileges(connections.get(name), tables))
  }
  return outcomes
}
