import type { Connection } from '../connections/connection.js'
import type { ColumnInfo, SqlDialect, SqlParam, Statement, TypeFamily } from '../dialects/dialect.js'
import { TEMPORAL_FAMILIES } from '../dialects/dialect.js'
import type { CheckDefinition, ColumnMapping, Dataset, Side } from '../definitions/types.js'
import { ReconcileError } from '../errors/errors.js'
import { isAbsoluteTimestamp, toLocalText, toUtcText } from '../util/time-zone.js'

/** The alias every dataset is given inside generated SQL. */
export const DATASET_ALIAS = 'd'

/** One side of a check, ready to be queried: its connection, its columns and its filtered FROM clause. */
export interface SidePlan {
  readonly side: Side
  readonly connection: Connection
  readonly dialect: SqlDialect
  /** `FROM … WHERE …` including the definition's filter and the cutoff, with the cutoff as a bound parameter. */
  readonly from: Statement
  /** Qualified, quoted expression of a mapped column on this side. */
  expr(column: ColumnMapping): string
  /** Type family of a mapped column on this side. */
  family(column: ColumnMapping): TypeFamily
  /** Catalog description of a mapped column on this side, with the family `family` reports. */
  info(column: ColumnMapping): ColumnInfo
  /** `from` narrowed by one more condition (ANDed after the filter and the cutoff). */
  fromWhere(condition: Statement): Statement
}

/** Both sides of one check plus the cutoff it runs with. */
export interface CheckPlan {
  readonly definition: CheckDefinition
  readonly source: SidePlan
  readonly target: SidePlan
  /** The cutoff as canonical timestamp text, or null. */
  readonly cutoff: string | null
}

/** A declared number of digits from the catalog, as an optional property; absent when the catalog gives none. */
function digits<K extends 'scale' | 'fractionDigits'>(key: K, value: unknown): Partial<Record<K, number>> {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 0
    ? ({ [key]: n } as Partial<Record<K, number>>)
    : {}
}

/** Describes the columns of one side: the table from the catalog, a query by asking the engine. */
export async function describeDataset(
  connection: Connection,
  dataset: Dataset,
  columns: readonly string[],
): Promise<Map<string, ColumnInfo>> {
  const dialect = connection.dialect
  const statement =
    dataset.table !== undefined
      ? dialect.describeTable(dataset.table.schema, dataset.table.name)
      : dialect.describeQuery(dataset.query ?? '', columns)
  const { rows } = await connection.query<{
    column_name: string | null
    data_type: string | null
    numeric_scale?: unknown
    datetime_precision?: unknown
    error_message?: string | null
  }>(statement)
  const out = new Map<string, ColumnInfo>()
  for (const row of rows) {
    if (row.column_name === null || row.data_type === null) {
      // An engine may describe a query that does not compile with a row holding the reason (describeQuery).
      throw new ReconcileError(
        'PLAN_INVALID',
        `the query on connection "${connection.config.name}" does not compile: ${row.error_message ?? 'no reason given'}`,
      )
    }
    const family = dialect.familyOf(row.data_type)
    out.set(row.column_name, {
      name: row.column_name,
      dataType: row.data_type,
      family,
      ...(family === 'decimal' ? digits('scale', row.numeric_scale) : {}),
      ...(family === 'timestamp' || family === 'timestamptz'
        ? digits('fractionDigits', row.datetime_precision)
        : {}),
    })
  }
  return out
}

function datasetLabel(dataset: Dataset): string {
  return dataset.table !== undefined ? `table ${dataset.table.schema}.${dataset.table.name}` : 'query'
}

/** Finds a column by exact name, then case-insensitively (SQL Server's usual collations ignore case). */
function findColumn(columns: ReadonlyMap<string, ColumnInfo>, name: string): ColumnInfo | undefined {
  return columns.get(name) ?? [...columns.values()].find((c) => c.name.toLowerCase() === name.toLowerCase())
}

/** Columns one side needs: every mapped column plus its cutoff column and the source's change-time column. */
function neededColumns(definition: CheckDefinition, side: Side): string[] {
  const names = definition.columns.map((c) => c[side])
  const cutoffColumn = side === 'source' ? definition.cutoff?.sourceColumn : definition.cutoff?.targetColumn
  if (cutoffColumn !== undefined) names.push(cutoffColumn)
  const late = definition.lateChanges
  if (side === 'source' && late?.method === 'keys') names.push(late.sourceColumn)
  return [...new Set(names)]
}

/**
 * Checks that every needed column exists on a side; returns the catalog info by physical name.
 * Throws PLAN_INVALID naming the column, the side, the connection and the columns that do exist.
 */
export async function resolveColumns(
  definition: CheckDefinition,
  side: Side,
  connection: Connection,
): Promise<Map<string, ColumnInfo>> {
  const dataset = definition[side]
  const needed = neededColumns(definition, side)
  if (needed.length === 0 && dataset.query !== undefined) return new Map()
  const described = await describeDataset(connection, dataset, needed)
  if (described.size === 0 && dataset.table !== undefined) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `${side} ${datasetLabel(dataset)} does not exist on connection "${connection.config.name}" (or the login cannot see it)`,
    )
  }
  const missing = needed.filter((n) => findColumn(described, n) === undefined)
  if (missing.length > 0) {
    const existing = [...described.keys()].slice(0, 40).join(', ')
    throw new ReconcileError(
      'PLAN_INVALID',
      `${side} ${datasetLabel(dataset)} on connection "${connection.config.name}" has no column ${missing.map((m) => `"${m}"`).join(', ')}; it has: ${existing}. Fix "columns", "cutoff" or "late_changes" in ${definition.file}`,
    )
  }
  const resolved = new Map<string, ColumnInfo>()
  for (const name of needed) {
    const info = findColumn(described, name)
    if (info !== undefined) resolved.set(name, info)
  }
  return resolved
}

/** Converts the cutoff to the form the column on a side holds: naive local time or UTC. */
export function cutoffForColumn(cutoff: string, family: TypeFamily, timezone: string): string {
  if (family === 'timestamptz') return toUtcText(cutoff, timezone)
  return isAbsoluteTimestamp(cutoff) ? toLocalText(cutoff, timezone) : cutoff
}

/**
 * How a side leaves out the source's late changes: the keys changed after the cutoff (a JSON list in one bound
 * parameter, on both sides), or the source table read as of the cutoff (UTC text, the source only).
 */
export type LateExclusion =
  { readonly method: 'keys'; readonly list: SqlParam } | { readonly method: 'as_of'; readonly atUtc: string }

/**
 * Builds the side's plan from its resolved columns. `late` leaves the source's late changes out of `from`, so
 * that every statement built on the plan (profile, groups, locate) leaves them out too.
 */
export function planSide(
  definition: CheckDefinition,
  side: Side,
  connection: Connection,
  columns: ReadonlyMap<string, ColumnInfo>,
  cutoff: string | null,
  timezone: string,
  late?: LateExclusion,
): SidePlan {
  const dialect = connection.dialect
  const dataset = definition[side]
  const info = (name: string) => {
    const found = columns.get(name)
    if (found === undefined)
      throw new ReconcileError('PLAN_INVALID', `column "${name}" was not resolved on the ${side}`)
    return found
  }
  const quoted = (name: string) => `${DATASET_ALIAS}.${dialect.quoteIdent(info(name).name)}`
  const source: Statement =
    dataset.table !== undefined
      ? late?.method === 'as_of' && side === 'source'
        ? asOf(dialect, dataset.table, late.atUtc, definition.file)
        : [dialect.aliasedTable(dataset.table.schema, dataset.table.name, DATASET_ALIAS)]
      : [dialect.derivedTable(dataset.query ?? '', DATASET_ALIAS)]
  const conditions: Statement[] = []
  if (dataset.where !== undefined) conditions.push([`(${dataset.where})`])
  const cutoffColumn = side === 'source' ? definition.cutoff?.sourceColumn : definition.cutoff?.targetColumn
  if (cutoff !== null && cutoffColumn !== undefined) {
    const family = info(cutoffColumn).family
    if (family !== 'timestamp' && family !== 'timestamptz' && family !== 'date') {
      throw new ReconcileError(
        'PLAN_INVALID',
        `cutoff column "${cutoffColumn}" on the ${side} is ${info(cutoffColumn).dataType}, not a date or timestamp`,
      )
    }
    const value = cutoffForColumn(cutoff, family, timezone)
    conditions.push([`${quoted(cutoffColumn)} <= `, ...dialect.timestampParam({ param: value }, family)])
  }
  if (late?.method === 'keys') {
    const keys = definition.key.map((k) => ({ expr: quoted(k[side]), family: info(k[side]).family }))
    conditions.push(dialect.excludeKeys(keys, late.list))
  }
  const fromWith = (all: readonly Statement[]): Statement => [
    'FROM ',
    ...source,
    ...all.flatMap((c, i) => [i === 0 ? '\nWHERE ' : '\n  AND ', ...c]),
  ]
  const family = (column: ColumnMapping): TypeFamily => {
    const found = info(column[side]).family
    return found === 'unknown' && column.type !== undefined ? column.type : found
  }
  return {
    side,
    connection,
    dialect,
    from: fromWith(conditions),
    expr: (column) => quoted(column[side]),
    family,
    info: (column) => ({ ...info(column[side]), family: family(column) }),
    fromWhere: (condition) => fromWith([...conditions, ['(', ...condition, ')']]),
  }
}

function asOf(
  dialect: SqlDialect,
  table: { schema: string; name: string },
  atUtc: string,
  file: string,
): Statement {
  if (dialect.tableAsOf === undefined) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `late_changes.read_as_of: ${dialect.displayName} has no system-versioned tables; in ${file} name the source's change-time column instead (late_changes: { source_column: … })`,
    )
  }
  return dialect.tableAsOf(table.schema, table.name, DATASET_ALIAS, { param: atUtc })
}

/** Whether a family holds points in time. */
export function isTemporal(family: TypeFamily): boolean {
  return TEMPORAL_FAMILIES.has(family)
}
