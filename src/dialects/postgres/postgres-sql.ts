import type { ColumnInfo, FieldEncoding, SqlDialect, SqlParam, Statement, TypeFamily } from '../dialect.js'
import { standardSql } from '../standard-sql.js'

const FAMILIES: Readonly<Record<string, TypeFamily>> = {
  smallint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  numeric: 'decimal',
  decimal: 'decimal',
  money: 'decimal',
  real: 'float',
  'double precision': 'float',
  float4: 'float',
  float8: 'float',
  text: 'text',
  'character varying': 'text',
  varchar: 'text',
  character: 'text',
  char: 'text',
  bpchar: 'text',
  name: 'text',
  citext: 'text',
  date: 'date',
  'timestamp without time zone': 'timestamp',
  timestamp: 'timestamp',
  'timestamp with time zone': 'timestamptz',
  timestamptz: 'timestamptz',
  boolean: 'boolean',
  bool: 'boolean',
  uuid: 'uuid',
  bytea: 'binary',
}

const US = `'YYYY-MM-DD"T"HH24:MI:SS.US'`

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/**
 * A timestamp as `YYYY-MM-DD HH:MM:SS[.fraction]` with `precision` fraction digits, truncated. PostgreSQL keeps
 * microseconds, so a seventh digit is always `0`.
 */
function checksumTimestamp(expr: string, precision: number): string {
  if (precision === 0) return `to_char(${expr}, 'YYYY-MM-DD HH24:MI:SS')`
  const micro = `to_char(${expr}, 'YYYY-MM-DD HH24:MI:SS.US')`
  if (precision === 7) return `(${micro} || '0')`
  return precision === 6 ? micro : `left(${micro}, ${20 + precision})`
}

function checksumText(expr: string, encoding: FieldEncoding): string {
  // CAST(char(n) AS text) drops the padding: fixed-width text is compared without trailing spaces.
  let text = `CAST(${expr} AS text)`
  if (encoding.trimTrailingSpaces) text = `rtrim(${text}, ' ')`
  if (encoding.ignoreCase) text = `translate(${text}, '${UPPER}', '${UPPER.toLowerCase()}')`
  return `replace(replace(${text}, '\\', '\\\\'), '|', '\\|')`
}

function checksumValue(expr: string, column: ColumnInfo, encoding: FieldEncoding): string {
  switch (encoding.kind) {
    case 'integer':
    case 'uuid':
      return `CAST(${expr} AS text)`
    case 'decimal':
      // round(numeric, s) always writes s fraction digits; float8 becomes numeric through 15 significant digits.
      return `CAST(round(CAST(${expr} AS numeric), ${encoding.scale}) AS text)`
    case 'text':
      return checksumText(expr, encoding)
    case 'date':
      return `to_char(${expr}, 'YYYY-MM-DD')`
    case 'timestamp':
      return checksumTimestamp(
        column.family === 'date' ? `CAST(${expr} AS timestamp)` : expr,
        encoding.precision,
      )
    case 'timestamptz':
      return `(${checksumTimestamp(`(${expr} AT TIME ZONE 'UTC')`, encoding.precision)} || 'Z')`
    case 'boolean':
      return `(CASE WHEN ${expr} THEN '1' WHEN NOT ${expr} THEN '0' END)`
    case 'binary':
      return `encode(${expr}, 'hex')`
  }
}

/** PostgreSQL (server and PGlite) spelling of the shared queries. */
export const postgresSql: SqlDialect = {
  displayName: 'PostgreSQL',
  quoteIdent: (name) => `"${name.replaceAll('"', '""')}"`,
  quoteTable(schema, name) {
    return `${this.quoteIdent(schema)}.${this.quoteIdent(name)}`
  },
  countRows: () => 'COUNT(*)',
  countValues: (expr) => `COUNT(${expr})`,
  countDistinct: (expr) => `COUNT(DISTINCT ${expr})`,
  sumAsText: (expr) => `CAST(SUM(CAST(${expr} AS numeric)) AS text)`,
  canonicalText(expr, family) {
    switch (family) {
      case 'integer':
      case 'decimal':
      case 'float':
        return `CAST(CAST(${expr} AS numeric) AS text)`
      case 'date':
        return `to_char(${expr}, 'YYYY-MM-DD')`
      case 'timestamp':
        return `to_char(${expr}, ${US})`
      case 'timestamptz':
        return `(to_char(${expr} AT TIME ZONE 'UTC', ${US}) || 'Z')`
      case 'boolean':
        return `(CASE WHEN ${expr} THEN '1' WHEN NOT ${expr} THEN '0' END)`
      case 'binary':
        return `encode(${expr}, 'hex')`
      default:
        return `CAST(${expr} AS text)`
    }
  },
  timestampParam(placeholder: SqlParam, family): Statement {
    const type = family === 'timestamptz' ? 'timestamptz' : family === 'date' ? 'date' : 'timestamp'
    return ['CAST(', placeholder, ` AS ${type})`]
  },
  derivedTable: standardSql.derivedTable,
  familyOf: (dataType) => FAMILIES[dataType.toLowerCase()] ?? 'unknown',
  describeTable: standardSql.describeTable,
  describeQuery(query, columns) {
    // An outer join ON false never executes the query, yet pg_typeof still reports each column's type.
    const described = columns.map(
      (c, i) =>
        `SELECT ${i} AS ordinal, '${c.replaceAll("'", "''")}' AS column_name, pg_typeof(q.${this.quoteIdent(c)})::text AS data_type`,
    )
    return [
      `SELECT d.column_name, d.data_type FROM (SELECT 1 AS one) AS o LEFT JOIN ${this.derivedTable(query, 'q')} ON false`,
      ` CROSS JOIN LATERAL (${described.join(' UNION ALL ')}) AS d ORDER BY d.ordinal`,
    ]
  },
  checksumField: (expr, column, encoding) => `COALESCE(${checksumValue(expr, column, encoding)}, '\\N')`,
  checksumRowText: (fields) => fields.join(` || '|' || `),
  // md5() hashes the database encoding's bytes: UTF-8 in a UTF8 database (required, see docs/checksum.md).
  // Hex digits 2–16 are the low 60 bits of the first 8 bytes.
  rowHash: (rowText) => `CAST(CAST('x' || substr(md5(${rowText}), 2, 15) AS bit(60)) AS bigint)`,
  sumRowHashes: (hash) => `CAST(SUM(${hash}) AS text)`,
  keyOrder: (expr, family) => (family === 'text' ? `(CAST(${expr} AS text) COLLATE "C")` : expr),
  keyParam(placeholder, family): Statement {
    switch (family) {
      case 'text':
        return ['(CAST(', placeholder, ' AS text) COLLATE "C")']
      case 'integer':
        return ['CAST(', placeholder, ' AS bigint)']
      case 'decimal':
        return ['CAST(', placeholder, ' AS numeric)']
      case 'date':
      case 'timestamp':
      case 'timestamptz':
        return this.timestampParam(placeholder, family)
      case 'uuid':
        return ['CAST(', placeholder, ' AS uuid)']
      default:
        return [placeholder]
    }
  },
  limitRows: (select, rows) => [...select, `\nLIMIT ${Math.max(0, Math.floor(rows))}`],
}
