import type { SqlDialect, SqlParam, Statement, TypeFamily } from '../dialect.js'

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
  derivedTable: (query, alias) => `(\n${query.trim().replace(/;\s*$/, '')}\n) AS ${alias}`,
  familyOf: (dataType) => FAMILIES[dataType.toLowerCase()] ?? 'unknown',
  describeTable: (schema, name) => [
    'SELECT COLUMN_NAME AS column_name, DATA_TYPE AS data_type FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ',
    { param: schema },
    ' AND TABLE_NAME = ',
    { param: name },
    ' ORDER BY ORDINAL_POSITION',
  ],
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
}
