/**
 * Fixture tables written once in portable terms and spelled in each engine's SQL (`TestEngine.fixtureSql`), so that
 * a suite runs on every engine of the loop instead of PostgreSQL only:
 *
 * ```ts
 * await db.exec(fixtureTable(engine.fixtureSql, 'item', [{ name: 'id', type: 'bigint', primaryKey: true }], rows))
 * ```
 */
import type { TestEngine } from './engines.js'

/** A column type in portable terms: `text` is Unicode text of any length, `timestamp` has no time zone. */
export type FixtureType =
  | 'bigint'
  | 'integer'
  | 'smallint'
  | 'text'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'boolean'
  | `varchar(${number})`
  | `decimal(${number},${number})`

/** One column of a fixture table. */
export interface FixtureColumn {
  readonly name: string
  readonly type: FixtureType
  readonly primaryKey?: boolean
}

/** A value as the test holds it: numbers and bigints as they are, everything else (dates, decimals) as text. */
export type FixtureValue = string | number | bigint | null

type Language = TestEngine['fixtureSql']

/**
 * The column type in the language: SQL Server's text is `nvarchar` (Unicode), its timestamp `datetime2(7)`, its
 * timestamp with time zone `datetimeoffset(7)`, its boolean `bit`.
 */
function typeIn(language: Language, type: FixtureType): string {
  if (language === 'postgres') return type
  if (type === 'text') return 'nvarchar(max)'
  if (type === 'timestamp') return 'datetime2(7)'
  if (type === 'timestamptz') return 'datetimeoffset(7)'
  if (type === 'boolean') return 'bit'
  if (type.startsWith('varchar(')) return `n${type}`
  return type
}

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`

function literal(language: Language, type: FixtureType, value: FixtureValue): string {
  if (value === null) return 'NULL'
  if (typeof value !== 'string') return String(value)
  if (type === 'text' || type.startsWith('varchar('))
    return language === 'mssql' ? `N${quoted(value)}` : quoted(value)
  return `CAST(${quoted(value)} AS ${typeIn(language, type)})`
}

/** `CREATE SCHEMA`: SQL Server allows it only first in a batch, so there it runs through EXEC. */
export function fixtureSchema(language: Language, schema: string): string {
  return language === 'mssql' ? `EXEC(${quoted(`CREATE SCHEMA ${schema}`)});` : `CREATE SCHEMA ${schema};`
}

/** SQL Server takes at most 1,000 rows per VALUES list. */
const ROWS_PER_INSERT = 1000

/** `CREATE TABLE` and `INSERT`s of the rows (each in column order), as one text for `TestDatabase.exec`. */
export function fixtureTable(
  language: Language,
  table: string,
  columns: readonly FixtureColumn[],
  rows: readonly (readonly FixtureValue[])[],
): string {
  const definitions = columns.map(
    (c) => `${c.name} ${typeIn(language, c.type)}${c.primaryKey === true ? ' NOT NULL PRIMARY KEY' : ''}`,
  )
  const out = [`CREATE TABLE ${table} (${definitions.join(', ')});`]
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((row) => `(${columns.map((c, k) => literal(language, c.type, row[k] ?? null)).join(', ')})`)
    out.push(`INSERT INTO ${table} VALUES ${values.join(',\n')};`)
  }
  return `${out.join('\n')}\n`
}
