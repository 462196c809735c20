import type { ConnectionConfig } from '../config/types.js'
import type { Engine } from './dialect.js'
import { mssqlEngine } from './mssql/mssql-engine.js'
import { pgliteEngine } from './pglite/pglite-engine.js'
import { postgresEngine } from './postgres/postgres-engine.js'

const ENGINES: Readonly<Record<ConnectionConfig['dialect'], Engine>> = {
  mssql: mssqlEngine,
  postgres: postgresEngine,
  pglite: pgliteEngine,
}

/** The engine for a connection's dialect. The only place that maps dialect names to code. */
export function engineFor(dialect: ConnectionConfig['dialect']): Engine {
  return ENGINES[dialect]
}
