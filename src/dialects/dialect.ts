import type { Kysely } from 'kysely'
import type { ConnectionConfig } from '../config/types.js'

/**
 * The type families this tool reasons about. Each dialect maps its own type names onto them; everything
 * above the dialects sees only families.
 */
export type TypeFamily =
  | 'integer'
  | 'decimal'
  | 'float'
  | 'text'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'boolean'
  | 'uuid'
  | 'binary'
  | 'unknown'

/** Families whose values are numbers: sums and numeric tolerances apply. */
export const NUMERIC_FAMILIES: ReadonlySet<TypeFamily> = new Set(['integer', 'decimal', 'float'])
/** Families whose values are points in time: freshness applies. */
export const TEMPORAL_FAMILIES: ReadonlySet<TypeFamily> = new Set(['date', 'timestamp', 'timestamptz'])

/** A bound parameter inside a statement: its value never becomes SQL text. */
export interface SqlParam {
  readonly param: string | number | boolean | null
}

/** SQL as pieces of trusted text and bound parameters; compiled to the engine's placeholders by Kysely. */
export type Statement = readonly (string | SqlParam)[]

/** A column as the database catalog describes it. */
export interface ColumnInfo {
  /** The name exactly as the catalog spells it. */
  readonly name: string
  /** The engine's type name, e.g. `datetime2` or `timestamp without time zone`. */
  readonly dataType: string
  readonly family: TypeFamily
}

/**
 * How one SQL engine spells the pieces of the shared queries. The runner composes statements only from these
 * pieces, so it never knows which engine it talks to. Canonical text forms (see docs/canonical-values.md):
 * numbers as plain decimal text, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS.ffffff[f]`, timestamps
 * with an offset converted to UTC and suffixed `Z`.
 */
export interface SqlDialect {
  /** Engine family name, for display only. */
  readonly displayName: string
  /** Quotes one identifier. */
  quoteIdent(name: string): string
  /** Quotes a schema-qualified table. */
  quoteTable(schema: string, name: string): string
  /** Count of all rows, as a 64-bit integer. */
  countRows(): string
  /** Count of non-null values of `expr`. */
  countValues(expr: string): string
  /** Count of distinct non-null values of `expr`. */
  countDistinct(expr: string): string
  /** Exact sum of a numeric `expr`, as canonical decimal text. */
  sumAsText(expr: string): string
  /** Canonical text of `expr` of the given family (for min/max, newest timestamps and group keys). */
  canonicalText(expr: string, family: TypeFamily): string
  /** A bound parameter holding canonical timestamp text, cast to the engine's timestamp type of `family`. */
  timestampParam(placeholder: SqlParam, family: 'date' | 'timestamp' | 'timestamptz'): Statement
  /** A derived table from a user's query: `(query) AS alias`. */
  derivedTable(query: string, alias: string): string
  /** Maps a catalog type name to a family. */
  familyOf(dataType: string): TypeFamily
  /** Lists `COLUMN_NAME`, `DATA_TYPE` of a table (empty when the table does not exist). */
  describeTable(schema: string, name: string): Statement
  /**
   * Describes the result columns of a query without running it. Rows have `column_name` and `data_type`.
   * `columns` limits the description to those columns.
   */
  describeQuery(query: string, columns: readonly string[]): Statement
}

/** Errors a driver reports, sorted by what the runner should do about them. */
export type ErrorKind = 'unreachable' | 'auth' | 'timeout' | 'query'

/** An open pool of connections to one database, used read-only. */
export interface EngineSession {
  /** The Kysely instance: compiles statements and runs them. */
  readonly db: Kysely<unknown>
  /**
   * Runs one compiled statement read-only with the statement timeout: on PostgreSQL in a READ ONLY transaction,
   * on SQL Server under the configured isolation with a low deadlock priority. Returns the rows.
   */
  readOnly<Row>(statement: Statement): Promise<{ rows: Row[]; sql: string; parameters: readonly unknown[] }>
  /** Closes the pool. */
  close(): Promise<void>
}

/** An engine: its SQL dialect, how to connect, and how to read its errors. */
export interface Engine {
  readonly sql: SqlDialect
  /** Opens (lazily) a session for the connection; nothing is sent until the first query. */
  open(config: ConnectionConfig): EngineSession
  /** Sorts a driver error by what to do about it. */
  classify(error: unknown): ErrorKind
  /** Where the connection points, for messages: host, port and database, never a password. */
  describeTarget(config: ConnectionConfig): string
}
