import type { ColumnInfo, FieldEncoding, SqlDialect, SqlParam, Statement, TypeFamily } from '../dialect.js'
import { FIELD_SEPARATOR, joinChecksumFields, NULL_MARKER } from '../checksum-row.js'
import { inlineKey } from '../inline-key.js'
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
/** 2^60 − 1: clears the top 4 bits of a bigint. */
const LOW_60_BITS = '1152921504606846975'

/** Types whose output function writes exactly the declared scale's fraction digits. */
const EXACT_NUMERIC = new Set(['numeric', 'decimal'])

/*
 * The checksum fields below are written so that the type's own output function (which concat_ws calls) produces
 * the canonical text wherever it can: that is what keeps the scan near the cost of a hand-written MD5 of the row.
 * Dates and timestamps rely on DateStyle ISO, which every read-only transaction sets (read-only.ts).
 */

/**
 * A timestamp kept to `precision` fraction digits (rounded half up by adding half a unit first, or truncated); its
 * output writes the fraction without trailing zeros.
 */
function checksumTimestamp(raw: string, precision: number, rounding: FieldEncoding['rounding']): string {
  if (precision >= 6) return raw
  const expr = rounding === 'round' ? `(${raw} + interval '${5 * 10 ** (5 - precision)} microseconds')` : raw
  if (precision === 0) return `date_trunc('second', ${expr})`
  if (precision === 3) return `date_trunc('milliseconds', ${expr})`
  // extract(microseconds) is the seconds field in microseconds (0–59,999,999), never negative.
  return `(${expr} - mod(CAST(extract(microseconds FROM ${expr}) AS bigint), ${10 ** (6 - precision)}) * interval '1 microsecond')`
}

function checksumText(expr: string, encoding: FieldEncoding): string {
  // CAST(char(n) AS text) drops the padding: fixed-width text is compared without trailing spaces.
  let text = `CAST(${expr} AS text)`
  if (encoding.trimTrailingSpaces) text = `rtrim(${text}, ' ')`
  if (encoding.ignoreCase) text = `translate(${text}, '${UPPER}', '${UPPER.toLowerCase()}')`
  return `replace(${text}, '|', '||')`
}

function checksumDecimal(
  expr: string,
  column: ColumnInfo,
  scale: number,
  rounding: FieldEncoding['rounding'],
): string {
  const declared = column.family === 'integer' ? 0 : column.scale
  const exact = column.family === 'integer' || EXACT_NUMERIC.has(column.dataType.toLowerCase())
  // A numeric(p, s) value always holds s fraction digits, and an integer none: written as they are.
  if (exact && declared === scale) return expr
  // trunc(numeric, s), like round, always writes s fraction digits.
  if (rounding === 'truncate') return `trunc(CAST(${expr} AS numeric), ${scale})`
  // round(numeric, s) always writes s fraction digits; float8 becomes numeric through 15 significant digits.
  return `round(CAST(${expr} AS numeric), ${scale})`
}

function checksumValue(expr: string, column: ColumnInfo, encoding: FieldEncoding): string {
  switch (encoding.kind) {
    case 'integer':
    case 'uuid':
    case 'date':
    case 'boolean':
      return expr
    case 'decimal':
      return checksumDecimal(expr, column, encoding.scale, encoding.rounding)
    case 'float':
      // The IEEE 754 bits, big-endian; adding zero turns -0 into 0.
      return `encode(float8send(CAST(${expr} AS float8) + CAST(0 AS float8)), 'hex')`
    case 'text':
      return checksumText(expr, encoding)
    case 'timestamp':
      return column.family === 'date'
        ? `CAST(${expr} AS timestamp)`
        : checksumTimestamp(expr, encoding.precision, encoding.rounding)
    case 'timestamptz':
      return checksumTimestamp(`(${expr} AT TIME ZONE 'UTC')`, encoding.precision, encoding.rounding)
    case 'binary':
      return `encode(${expr}, 'hex')`
  }
}

/** PostgreSQL (server and PGlite) spelling of the shared queries. */
export const postgresSql: SqlDialect = {
  displayName: 'PostgreSQL',
  maxParameters: 65_535,
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
  aliasedTable(schema, name, alias) {
    return standardSql.aliasedTable(this.quoteTable(schema, name), alias)
  },
  derivedTable: standardSql.derivedTable,
  familyOf: (dataType) => FAMILIES[dataType.toLowerCase()] ?? 'unknown',
  describeTable: standardSql.describeTable,
  describeQuery(query, columns) {
    // An outer join ON false never executes the query, yet pg_typeof still reports each column's type (but not
    // its declared scale or precision: checksums then round numbers to the default scale).
    const described = columns.map(
      (c, i) =>
        `SELECT ${i} AS ordinal, '${c.replaceAll("'", "''")}' AS column_name, pg_typeof(q.${this.quoteIdent(c)})::text AS data_type, NULL::integer AS numeric_scale, NULL::integer AS datetime_precision`,
    )
    return [
      `SELECT d.column_name, d.data_type, d.numeric_scale, d.datetime_precision FROM (SELECT 1 AS one) AS o LEFT JOIN ${this.derivedTable(query, 'q')} ON false`,
      ` CROSS JOIN LATERAL (${described.join(' UNION ALL ')}) AS d ORDER BY d.ordinal`,
    ]
  },
  checksumField: checksumValue,
  checksumRowText: (fields) =>
    joinChecksumFields(fields, {
      concatWithSeparator: (args) => `concat_ws('${FIELD_SEPARATOR}', ${args.join(', ')})`,
      nullMarker: (column) => `CASE WHEN ${column} IS NULL THEN '${NULL_MARKER}' END`,
    }),
  // md5() hashes the database encoding's bytes: UTF-8 in a UTF8 database (required, see docs/checksum.md).
  // The 128 bits cut to their first 64 are the first 8 bytes as a signed bigint; the mask keeps the low 60 bits.
  rowHash: (rowText) =>
    `(CAST(CAST(CAST('x' || md5(${rowText}) AS bit(128)) AS bit(64)) AS bigint) & ${LOW_60_BITS})`,
  hashBucket(keyText, modulus) {
    // Up to 2^32 buckets the bucket is the low bits of MD5 bytes 4-7 (hex digits 9-16): converting 8 hex digits
    // instead of 32 makes the per-row cost of bucketing about a third lower than the full row hash modulo.
    const powerOfTwo = modulus > 0n && (modulus & (modulus - 1n)) === 0n
    return powerOfTwo && modulus <= 1n << 32n
      ? `(CAST(CAST('x' || substr(md5(${keyText}), 9, 8) AS bit(32)) AS bigint) & ${modulus - 1n})`
      : `(${postgresSql.rowHash(keyText)} % CAST(${modulus} AS bigint))`
  },
  integerBucket: standardSql.integerBucket,
  // OFFSET 0 keeps the subquery from being pulled up, so the planner no longer reads the key columns inside the
  // bucket expression and expects a group per row (which made it sort every row, spilling to disk); with the
  // subquery's default estimate it hashes the few groups instead. That also gives up parallel workers: one
  // process per side instead of three. Measured on PostgreSQL 15, both sides at once as a run reads them,
  // 1,000,000 rows: a grouped scan took 2.3-3.6 s instead of 3.2-4.8 s (docs/checksum.md, "Hash aggregation").
  hashGroupBy: (select, inner, alias, groupBy) => [
    `SELECT ${select}\nFROM (`,
    ...inner,
    '\nOFFSET 0',
    `\n) AS ${alias}\nGROUP BY ${groupBy}`,
  ],
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
  excludeKeys(keys, list): Statement {
    // NOT EXISTS over a typed record set plans as a hash anti-join; each key is cast as keyParam casts a key.
    const columns = keys.map((_, i) => `k${i} text`).join(', ')
    const equal = keys
      .map((k, i) => `${this.keyOrder(k.expr, k.family)} = ${inlineKey(this, `late.k${i}`, k.family)}`)
      .join(' AND ')
    return [
      'NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(CAST(',
      list,
      ` AS jsonb)) AS late(${columns}) WHERE ${equal})`,
    ]
  },
  // A semi-join against the array's elements: hashed, so a long list costs no more per row than a short one.
  inIntegerList: (expr, list) => [
    `${expr} IN (SELECT CAST(j.v AS bigint) FROM json_array_elements_text(CAST(`,
    list,
    ' AS json)) AS j(v))',
  ],
}
