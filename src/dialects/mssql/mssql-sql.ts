import type { ColumnInfo, FieldEncoding, SqlDialect, SqlParam, Statement, TypeFamily } from '../dialect.js'
import { FIELD_SEPARATOR, joinChecksumFields, NULL_MARKER } from '../checksum-row.js'
import { inlineKey } from '../inline-key.js'
import { standardSql } from '../standard-sql.js'

const FAMILIES: Readonly<Record<string, TypeFamily>> = {
  tinyint: 'integer',
  smallint: 'integer',
  int: 'integer',
  bigint: 'integer',
  decimal: 'decimal',
  numeric: 'decimal',
  money: 'decimal',
  smallmoney: 'decimal',
  float: 'float',
  real: 'float',
  char: 'text',
  varchar: 'text',
  nchar: 'text',
  nvarchar: 'text',
  text: 'text',
  ntext: 'text',
  sysname: 'text',
  date: 'date',
  datetime: 'timestamp',
  datetime2: 'timestamp',
  smalldatetime: 'timestamp',
  datetimeoffset: 'timestamptz',
  bit: 'boolean',
  uniqueidentifier: 'uuid',
  binary: 'binary',
  varbinary: 'binary',
  image: 'binary',
  rowversion: 'binary',
  // INFORMATION_SCHEMA still calls rowversion `timestamp`; it is an 8-byte counter, not a point in time.
  timestamp: 'binary',
}

/**
 * Exact decimal type for sums and for non-integer numbers: 28 integer and 10 fraction digits. SUM over it cannot
 * overflow an int the way SUM(int) can, and money (whose default text has two decimals) keeps all four.
 */
const DECIMAL = 'decimal(38, 10)'

/** `datetime2(7)` as ISO 8601 text: style 126 (`yyyy-mm-ddThh:mi:ss.nnnnnnn`, the fraction omitted when zero). */
const iso = (expr: string) => `CONVERT(varchar(30), CAST(${expr} AS datetime2(7)), 126)`

/** Binary code-point order for comparisons and REPLACE, whatever the column's or database's collation. */
const BIN2 = 'Latin1_General_100_BIN2'
/** Converting nvarchar under this collation to varchar gives UTF-8 bytes (SQL Server 2019 and later). */
const UTF8 = 'Latin1_General_100_CI_AS_SC_UTF8'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
/** Clears the top 4 bits of a bigint: the hash slice stays a non-negative 60-bit number. */
const LOW_60_BITS = 'CAST(0x0FFFFFFFFFFFFFFF AS bigint)'

/** Engine types padded to their length, whose trailing spaces the canonical form drops (as PostgreSQL does). */
const FIXED_WIDTH = new Set(['char', 'nchar'])

const baseType = (dataType: string) =>
  dataType
    .replace(/\(.*\)\s*$/, '')
    .trim()
    .toLowerCase()

/**
 * The length of `yyyy-mm-dd hh:mi:ss[.fraction]` once the fraction is truncated to `precision` digits and its
 * trailing zeros dropped (with the point when nothing is left): 19 for a whole second, else 20 plus the digits
 * up to the last non-zero one. `fraction` is the truncated fraction as an integer of `precision` digits.
 */
function trimmedTimestampLength(fraction: string, precision: number): string {
  const whens = [`WHEN ${fraction} = 0 THEN 19`]
  for (let digits = 1; digits < precision; digits++) {
    whens.push(`WHEN ${fraction} % ${10 ** (precision - digits)} = 0 THEN ${20 + digits}`)
  }
  return `CASE ${whens.join(' ')} ELSE ${20 + precision} END`
}

/**
 * A timestamp as `yyyy-mm-dd hh:mi:ss[.fraction]`, the fraction truncated to `precision` digits and written
 * without trailing zeros (as PostgreSQL writes a timestamp): style 121 of a `datetime2(7)` always writes seven
 * fraction digits, and LEFT keeps the length that `trimmedTimestampLength` computes from DATEPART(nanosecond).
 * `datetime` is first rounded to its displayed milliseconds (`.007`, not the exact tick `.0066667`).
 */
function checksumTimestamp(expr: string, column: ColumnInfo, encoding: FieldEncoding): string {
  const precision = encoding.precision
  const stored =
    baseType(column.dataType) === 'datetime'
      ? `CAST(CAST(${expr} AS datetime2(3)) AS datetime2(7))`
      : `CAST(${expr} AS datetime2(7))`
  // Rounding half up: half a unit of the kept precision added first, then truncated as below.
  const exact =
    encoding.rounding === 'round' && precision < 7
      ? `DATEADD(nanosecond, ${5 * 10 ** (8 - precision)}, ${stored})`
      : stored
  const text = `CONVERT(nvarchar(27), ${exact}, 121)`
  if (precision === 0) return `LEFT(${text}, 19)`
  const fraction = `(DATEPART(nanosecond, ${exact}) / ${10 ** (9 - precision)})`
  return `LEFT(${text}, ${trimmedTimestampLength(fraction, precision)})`
}

function checksumText(expr: string, column: ColumnInfo, encoding: FieldEncoding): string {
  let text =
    column.family === 'uuid' ? `LOWER(CONVERT(nvarchar(36), ${expr}))` : `CAST(${expr} AS nvarchar(max))`
  if (encoding.trimTrailingSpaces || FIXED_WIDTH.has(baseType(column.dataType))) text = `RTRIM(${text})`
  text = `${text} COLLATE ${BIN2}`
  if (encoding.ignoreCase) text = `TRANSLATE(${text}, N'${UPPER}', N'${UPPER.toLowerCase()}')`
  return `REPLACE(${text}, N'|', N'||')`
}

function checksumValue(expr: string, column: ColumnInfo, encoding: FieldEncoding): string {
  switch (encoding.kind) {
    case 'integer':
      return `CONVERT(nvarchar(20), ${expr})`
    case 'decimal':
      // CAST to decimal rounds half away from zero; ROUND(x, s, 1) truncates first.
      return encoding.rounding === 'truncate'
        ? `CONVERT(nvarchar(60), CAST(ROUND(${expr}, ${encoding.scale}, 1) AS decimal(38, ${encoding.scale})))`
        : `CONVERT(nvarchar(60), CAST(${expr} AS decimal(38, ${encoding.scale})))`
    case 'float':
      // The IEEE 754 bits, big-endian, as CAST to binary(8) gives them; adding zero turns -0 into 0.
      return `LOWER(CONVERT(nvarchar(16), CAST(CAST(${expr} AS float) + CAST(0 AS float) AS binary(8)), 2))`
    case 'text':
      return checksumText(expr, column, encoding)
    case 'date':
      return `CONVERT(nvarchar(10), ${expr}, 23)`
    case 'timestamp':
      return checksumTimestamp(expr, column, encoding)
    case 'timestamptz':
      return checksumTimestamp(`SWITCHOFFSET(${expr}, '+00:00')`, column, encoding)
    case 'boolean':
      return `(CASE WHEN ${expr} = 1 THEN N't' WHEN ${expr} = 0 THEN N'f' END)`
    case 'uuid':
      return `LOWER(CONVERT(nvarchar(36), ${expr}))`
    case 'binary':
      return `LOWER(CONVERT(nvarchar(max), CAST(${expr} AS varbinary(max)), 2))`
  }
}

/**
 * SQL Server (T-SQL) spelling of the shared queries. Canonical text, as the PostgreSQL twin produces it up to
 * trailing fraction zeros:
 * - integers: `CONVERT(varchar(40), e)`; decimals and floats via `decimal(38, 10)`: rounded to 10 fraction digits
 *   (PostgreSQL keeps every digit), and an error beyond 28 integer digits.
 * - date: style 23 `yyyy-mm-dd`.
 * - timestamp: cast to `datetime2(7)`, style 126; style 126 leaves the fraction out when it is zero. A
 *   `datetime` column counts in 1/300 s, and from compatibility level 130 the cast shows the exact tick: `.007`
 *   becomes `.0066667`, which no trimming of fraction digits turns back into `.007`.
 * - timestamptz (`datetimeoffset`): moved to UTC with `SWITCHOFFSET(e, '+00:00')`, then as timestamp, plus `Z`.
 * - boolean (`bit`): `1`/`0`; uuid: lower-case 36 characters; binary: lower-case hex without `0x` (style 2).
 * - text: `nvarchar(max)`. `char(n)` keeps its padding spaces, which PostgreSQL drops when casting `char` to text.
 * NULL stays NULL in every family: `+` (not CONCAT) appends the `Z`, relying on CONCAT_NULL_YIELDS_NULL ON
 * (the driver's default).
 */
export const mssqlSql: SqlDialect = {
  displayName: 'SQL Server',
  maxParameters: 2_100,
  quoteIdent: (name) => `[${name.replaceAll(']', ']]')}]`,
  quoteTable(schema, name) {
    return `${this.quoteIdent(schema)}.${this.quoteIdent(name)}`
  },
  countRows: () => 'COUNT_BIG(*)',
  countValues: (expr) => `COUNT_BIG(${expr})`,
  countDistinct: (expr) => `COUNT_BIG(DISTINCT ${expr})`,
  sumAsText: (expr) => `CONVERT(varchar(60), SUM(CAST(${expr} AS ${DECIMAL})))`,
  canonicalText(expr, family) {
    switch (family) {
      case 'integer':
        return `CONVERT(varchar(40), ${expr})`
      case 'decimal':
      case 'float':
        return `CONVERT(varchar(60), CAST(${expr} AS ${DECIMAL}))`
      case 'date':
        return `CONVERT(varchar(10), ${expr}, 23)`
      case 'timestamp':
        return iso(expr)
      case 'timestamptz':
        return `(${iso(`SWITCHOFFSET(${expr}, '+00:00')`)} + 'Z')`
      case 'boolean':
        return `CONVERT(varchar(1), ${expr})`
      case 'uuid':
        return `LOWER(CONVERT(varchar(36), ${expr}))`
      case 'binary':
        return `LOWER(CONVERT(varchar(max), ${expr}, 2))`
      default:
        return `CAST(${expr} AS nvarchar(max))`
    }
  },
  timestampParam(placeholder: SqlParam, family): Statement {
    const type = family === 'timestamptz' ? 'datetimeoffset(7)' : family === 'date' ? 'date' : 'datetime2(7)'
    return ['CAST(', placeholder, ` AS ${type})`]
  },
  aliasedTable(schema, name, alias) {
    return standardSql.aliasedTable(this.quoteTable(schema, name), alias)
  },
  derivedTable: standardSql.derivedTable,
  familyOf: (dataType) => FAMILIES[baseType(dataType)] ?? 'unknown',
  describeTable: standardSql.describeTable,
  describeQuery(query, columns) {
    // The function compiles the text without running it. The text is a bound parameter, so a quote in the user's
    // query can never end the string. On a compile error it returns one row whose error_message says why (and
    // whose column_name and data_type are NULL) instead of raising.
    const selected = columns.length === 0 ? '*' : columns.map((c) => this.quoteIdent(c)).join(', ')
    return [
      'SELECT name AS column_name, system_type_name AS data_type, error_message,',
      ' scale AS numeric_scale, scale AS datetime_precision',
      ' FROM sys.dm_exec_describe_first_result_set(',
      { param: `SELECT ${selected} FROM ${this.derivedTable(query, 'q')}` },
      ', NULL, 0) ORDER BY column_ordinal',
    ]
  },
  checksumField: checksumValue,
  // CONCAT_WS (SQL Server 2017+) skips NULL arguments as PostgreSQL's concat_ws does. Its result is cut at 4,000
  // characters unless an argument is nvarchar(max): the first one is cast to it.
  checksumRowText: (fields) =>
    joinChecksumFields(fields, {
      concatWithSeparator: (args) =>
        `CONCAT_WS(N'${FIELD_SEPARATOR}', ${args.map((a, i) => (i === 0 ? `CAST(${a} AS nvarchar(max))` : a)).join(', ')})`,
      nullMarker: (column) => `CASE WHEN ${column} IS NULL THEN N'${NULL_MARKER}' END`,
    }),
  rowHash: (rowText) =>
    `(CAST(CAST(HASHBYTES('MD5', CAST((${rowText}) COLLATE ${UTF8} AS varchar(max))) AS binary(8)) AS bigint) & ${LOW_60_BITS})`,
  // The modulus is cast to bigint: a T-SQL integer literal above 2^31 - 1 would be a decimal.
  hashBucket: (keyText, modulus) => `(${mssqlSql.rowHash(keyText)} % CAST(${modulus} AS bigint))`,
  integerBucket: standardSql.integerBucket,
  // The HASH GROUP query hint makes every aggregation of the statement a Hash Match (Aggregate): the groups are
  // few, and a Stream Aggregate would first sort all rows by an expression no index provides.
  hashGroupBy: (select, inner, alias, groupBy) => [
    `SELECT ${select}\nFROM (`,
    ...inner,
    `\n) AS ${alias}\nGROUP BY ${groupBy}\nOPTION (HASH GROUP)`,
  ],
  sumRowHashes: (hash) => `CONVERT(varchar(40), SUM(CAST(${hash} AS decimal(38, 0))))`,
  keyOrder: (expr, family) => (family === 'text' ? `(CAST(${expr} AS nvarchar(max)) COLLATE ${BIN2})` : expr),
  keyParam(placeholder, family): Statement {
    switch (family) {
      case 'text':
        return ['(CAST(', placeholder, ` AS nvarchar(max)) COLLATE ${BIN2})`]
      case 'integer':
        return ['CAST(', placeholder, ' AS bigint)']
      case 'decimal':
        return ['CAST(', placeholder, ` AS ${DECIMAL})`]
      case 'date':
      case 'timestamp':
      case 'timestamptz':
        return this.timestampParam(placeholder, family)
      case 'uuid':
        return ['CAST(', placeholder, ' AS uniqueidentifier)']
      default:
        return [placeholder]
    }
  },
  limitRows: (select, rows) => [
    `SELECT TOP (${Math.max(0, Math.floor(rows))}) * FROM (\n`,
    ...select,
    '\n) AS limited',
  ],
  excludeKeys(keys, list): Statement {
    // OPENJSON (compatibility level 130 or later) turns the one nvarchar(max) parameter into rows; each key is
    // cast as keyParam casts a key.
    const columns = keys.map((_, i) => `k${i} nvarchar(4000) '$.k${i}'`).join(', ')
    const equal = keys
      .map((k, i) => `${this.keyOrder(k.expr, k.family)} = ${inlineKey(this, `late.k${i}`, k.family)}`)
      .join(' AND ')
    return ['NOT EXISTS (SELECT 1 FROM OPENJSON(', list, `) WITH (${columns}) AS late WHERE ${equal})`]
  },
  tableAsOf(schema, name, alias, atUtc): Statement {
    // Period columns hold UTC transaction begin times in datetime2 (docs: "Temporal tables").
    return [
      `${this.quoteTable(schema, name)} FOR SYSTEM_TIME AS OF CAST(`,
      atUtc,
      ` AS datetime2(7)) AS ${alias}`,
    ]
  },
  // OPENJSON (database compatibility level 130 or later) returns one row per array element, its text in `value`.
  inIntegerList: (expr, list) => [
    `${expr} IN (SELECT CAST(j.[value] AS bigint) FROM OPENJSON(`,
    list,
    ') AS j)',
  ],
}
