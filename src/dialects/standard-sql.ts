import type { Statement } from './dialect.js'

/**
 * Pieces both engines spell the same way because they are standard SQL: a table alias with `AS`, a user's query
 * wrapped as a derived table (with a column alias list), and the catalog lookup through INFORMATION_SCHEMA (upper-case names work on both, also under a
 * case-sensitive SQL Server collation).
 */
export const standardSql = {
  /** `(query) AS alias`, with a trailing semicolon removed; `(query) AS alias(c1, c2)` with `columns`. */
  derivedTable: (query: string, alias: string, columns?: readonly string[]): string =>
    `(\n${query.trim().replace(/;\s*$/, '')}\n) AS ${alias}${columns === undefined ? '' : `(${columns.join(', ')})`}`,
  /** `table AS alias` for an already quoted table. */
  aliasedTable: (quotedTable: string, alias: string): string => `${quotedTable} AS ${alias}`,
  /**
   * `column_name`, `data_type`, `numeric_scale` and `datetime_precision` of a table's columns in order; empty when
   * the table does not exist.
   */
  describeTable: (schema: string, name: string): Statement => [
    'SELECT COLUMN_NAME AS column_name, DATA_TYPE AS data_type, NUMERIC_SCALE AS numeric_scale,',
    ' DATETIME_PRECISION AS datetime_precision FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ',
    { param: schema },
    ' AND TABLE_NAME = ',
    { param: name },
    ' ORDER BY ORDINAL_POSITION',
  ],
  /**
   * The integer-key bucket (`integerBucketOf` in src/checksum/reference.ts): the same bigint arithmetic on both
   * engines, folding the key columns in order, whose `%` keeps the dividend's sign; every intermediate value is
   * below 2^48, so bigint never overflows. The modulus is cast to bigint: a T-SQL literal above 2^31 - 1 would be a
   * decimal.
   */
  integerBucket(keys: readonly string[], modulus: bigint): string {
    const P = '2147483647'
    const reduced = (key: string) => `((COALESCE(CAST(${key} AS bigint), 0) % ${P}) + ${P}) % ${P}`
    let h = ''
    for (const key of keys) h = `(${h === '' ? reduced(key) : `((${h}) + (${reduced(key)}))`} * 48271) % ${P}`
    return `(${h === '' ? '0' : h} % CAST(${modulus} AS bigint))`
  },
} as const
