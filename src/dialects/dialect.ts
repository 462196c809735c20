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
  /**
   * What results, logs and the control document show instead of the value (e.g. `<1,234 late-change keys>`):
   * set for values that must stay in memory.
   */
  readonly display?: string
}

/** A key column of one side as a late-change exclusion compares it. */
export interface KeyColumn {
  /** Qualified expression of the column. */
  readonly expr: string
  readonly family: TypeFamily
}

/** SQL as pieces of trusted text and bound parameters; compiled to the engine's placeholders by Kysely. */
export type Statement = readonly (string | SqlParam)[]

/** Kinds of canonical field in a row's checksum text (docs/checksum.md); chosen per mapped column from both sides. */
export type FieldKind = Exclude<TypeFamily, 'unknown'>

/**
 * How one mapped column is written into a row's canonical checksum text, identically on both sides
 * (docs/checksum.md). Only the loader's options and the two sides' type families decide it.
 */
export interface FieldEncoding {
  readonly kind: FieldKind
  /** `decimal`: digits after the point, always written (default: the columns' declared scale, else 10). */
  readonly scale: number
  /**
   * `timestamp`/`timestamptz`: digits of the second's fraction kept, 0–7, dropped by `rounding`; trailing zeros are
   * then not written (default: the smaller declared precision of the two columns, else 7).
   */
  readonly precision: number
  /**
   * How `scale` and `precision` drop digits: `round` (default) half away from zero for numbers and half up (to the
   * later time) for timestamps, as both engines do when a value is stored into fewer digits; or `truncate`.
   */
  readonly rounding: 'round' | 'truncate'
  /** `text`: trailing spaces (U+0020) are not part of the value. */
  readonly trimTrailingSpaces: boolean
  /** `text`: A–Z compare equal to a–z (ASCII letters only, identically on every engine). */
  readonly ignoreCase: boolean
}

/** A column as the database catalog describes it. */
export interface ColumnInfo {
  /** The name exactly as the catalog spells it. */
  readonly name: string
  /** The engine's type name, e.g. `datetime2` or `timestamp without time zone`. */
  readonly dataType: string
  readonly family: TypeFamily
  /** Declared digits after the point of an exact number (`numeric(12,2)` → 2), when the catalog says. */
  readonly scale?: number
  /** Declared fraction-of-second digits of a timestamp (`datetime2(3)` → 3), when the catalog says. */
  readonly fractionDigits?: number
}

/** One field of a row's checksum text: its canonical value (NULL when the value is NULL) and the column itself. */
export interface ChecksumField {
  /** SQL of the canonical text of the value: NULL exactly when the column is NULL. */
  readonly value: string
  /** SQL of the column, tested for NULL to write the NULL marker. */
  readonly column: string
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
  /**
   * Most bound parameters one statement may carry (SQL Server: 2,100; PostgreSQL's protocol: 65,535). Lists of any
   * length are bound as one JSON parameter, so statements stay far below it; a statement above it fails before it
   * is sent.
   */
  readonly maxParameters: number
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
  /** A table under an alias: `schema.name AS alias`. */
  aliasedTable(schema: string, name: string, alias: string): string
  /**
   * A derived table from a user's query: `(query) AS alias`, with a trailing semicolon removed; with `columns`,
   * its columns renamed in order: `(query) AS alias(c1, c2)` (names written as given, not quoted).
   */
  derivedTable(query: string, alias: string, columns?: readonly string[]): string
  /** Maps a catalog type name to a family. */
  familyOf(dataType: string): TypeFamily
  /**
   * Lists a table's columns (empty when the table does not exist). Rows have `column_name`, `data_type`,
   * `numeric_scale` and `datetime_precision` (NULL where the catalog does not say).
   */
  describeTable(schema: string, name: string): Statement
  /**
   * Describes the result columns of a query without running it. Rows are those of `describeTable`.
   * `columns` limits the description to those columns. An engine that reports a query that does not compile as a
   * row instead of an error returns one row with NULL `column_name` and `data_type` and the reason in
   * `error_message`.
   */
  describeQuery(query: string, columns: readonly string[]): Statement
  /**
   * Canonical checksum text of one column's value (docs/checksum.md), NULL when the value is NULL; text has its
   * `|` doubled so that nothing inside a value can be confused with the row's structure. `column` is this side's
   * column (its engine type and declared scale decide conversions such as padding of `char(n)`).
   */
  checksumField(expr: string, column: ColumnInfo, encoding: FieldEncoding): string
  /**
   * The row's canonical text as one Unicode string: the fields in order, a NULL written as the marker `|N`,
   * joined by `|;` (docs/checksum.md).
   */
  checksumRowText(fields: readonly ChecksumField[]): string
  /**
   * The row hash: the first 8 bytes of MD5 over the UTF-8 bytes of `rowText`, read big-endian, with the top 4 bits
   * cleared: a non-negative 60-bit integer, so that a sum of 2^64 of them fits a 38-digit decimal.
   */
  rowHash(rowText: string): string
  /**
   * The bucket of a row among `modulus` buckets while locating (docs/checksum.md, "Locating"):
   * `rowHash(keyText)` modulo `modulus` (a power of two, 1 to 2^60) as a non-negative bigint, exactly as
   * `bucketOf` in src/checksum/reference.ts. An engine may read fewer bits of the same MD5 when the modulus allows.
   */
  hashBucket(keyText: string, modulus: bigint): string
  /**
   * The bucket of a row among `modulus` buckets (a power of two, 1 to 2^31) when every key column is an integer
   * (`keys`, in key order): integer arithmetic on the key, no MD5, exactly as `integerBucketOf` in
   * src/checksum/reference.ts (a NULL column counts as 0).
   */
  integerBucket(keys: readonly string[], modulus: bigint): string
  /**
   * `SELECT select FROM (inner) AS alias GROUP BY groupBy`, in the engine's cheapest shape for few groups over many
   * rows. Locating groups by a bucket expression over the key: at most 65,536 groups per level, but a planner that
   * reads the key column inside the expression may expect one group per row and sort every row. SQL Server adds
   * the HASH GROUP hint; PostgreSQL groups plainly (its measured alternatives were slower).
   */
  hashGroupBy(select: string, inner: Statement, alias: string, groupBy: string): Statement
  /** Exact sum of row hashes as decimal text (NULL over no rows). */
  sumRowHashes(hash: string): string
  /** The expression a key column is ordered and compared by: text in a binary collation, other types as they are. */
  keyOrder(expr: string, family: TypeFamily): string
  /** A bound parameter holding a key value as `canonicalText` writes it, typed to compare with `keyOrder`. */
  keyParam(placeholder: SqlParam, family: TypeFamily): Statement
  /** At most `rows` rows of a SELECT. */
  limitRows(select: Statement, rows: number): Statement
  /**
   * A condition true for a row whose key is not in `list`: one bound parameter holding a JSON array of objects
   * `{"k0": …, "k1": …}`, one member per key column in order, each the key's `canonicalText`. One parameter
   * whatever the number of keys (see `maxParameters`). A row with a NULL key is never excluded.
   */
  excludeKeys(keys: readonly KeyColumn[], list: SqlParam): Statement
  /**
   * A table read as it was at a point in time (UTC, canonical naive text), `AS alias` included: a system-versioned
   * temporal table's `FOR SYSTEM_TIME AS OF`. Absent when the engine has no such tables.
   */
  tableAsOf?(schema: string, name: string, alias: string, atUtc: SqlParam): Statement
  /**
   * `expr IN (…)` over the integers of a JSON array (`[3,17,…]`) bound as one parameter, so that a list of any
   * length costs one bound parameter (see `maxParameters`) and the list never becomes SQL text.
   */
  inIntegerList(expr: string, list: SqlParam): Statement
}

/** A table a connection's checks read, by schema and name as the definitions spell them. */
export interface TableName {
  readonly schema: string
  readonly name: string
}

/**
 * One row of a privilege statement: the login, and one thing it could do beyond reading (`kind` `login` is the row
 * every statement returns once, naming the login even when it can only read).
 */
export interface PrivilegeRow {
  /** The login as the server names it, for display. */
  readonly login: string
  /** The login quoted for a server-level statement (`ALTER SERVER ROLE … DROP MEMBER`, `ALTER ROLE`). */
  readonly login_ident: string
  /** The database user (PostgreSQL: the role) quoted for GRANT/REVOKE in this database. */
  readonly user_ident: string
  /** What kind of finding the row is; each dialect defines its own. */
  readonly kind: string
  /** The privilege, e.g. `INSERT`, where the kind has one. */
  readonly privilege: string | null
  /** The object, quoted as SQL writes it (`cosmic.visit`, `[dbo].[visit]`), where the kind has one. */
  readonly object: string | null
  /** Who holds the grant that gives it, quoted and comma-separated (`reconcile_reader, PUBLIC`), where known. */
  readonly holders: string | null
}

/** One thing a login could do that is more than reading, and the statement that takes it away. */
export interface ExcessPrivilege {
  /** What it could do, e.g. `INSERT on cosmic.visit`, `superuser`, `member of db_datawriter`. */
  readonly privilege: string
  /** The statement that removes it, e.g. `REVOKE INSERT ON cosmic.visit FROM reconcile_reader`. */
  readonly fix: string
}

/** What a connection's login could do beyond reading; `excess` is empty for a read-only login. */
export interface LoginPrivileges {
  /** The login, for display. */
  readonly login: string
  /**
   * Each excess privilege once: privileges a broader one implies (every table's INSERT for a superuser) are left
   * out, so that the list is what must be removed.
   */
  readonly excess: readonly ExcessPrivilege[]
}

/**
 * How an engine asks what its login could do beyond reading the checked tables: write, change or drop them, create
 * objects, or act as an administrator. It only reads the catalog and permission functions.
 */
export interface PrivilegeCheck {
  /** One statement over the checked tables (tables that do not exist are left out); rows are {@link PrivilegeRow}. */
  statement(tables: readonly TableName[]): Statement
  /** Reads the statement's rows. */
  read(rows: readonly PrivilegeRow[]): LoginPrivileges
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
  /** How to find what the login could do beyond reading; absent when the engine has no logins (embedded PGlite). */
  readonly privileges?: PrivilegeCheck
}
