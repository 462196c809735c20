/**
 * The oracle test: tricky values are inserted into every available engine, each engine builds the canonical row
 * text and row hash in SQL, and both must equal the TypeScript reference computed from the same values here.
 * The values are a fixture per SQL language (`fixtureSql`): PostgreSQL's types for PGlite and PostgreSQL, SQL
 * Server's (2019 or later: UTF-8 collations) for SQL Server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEncoding } from '../../src/checksum/encoding.js'
import { bucketSql } from '../../src/checksum/hash-buckets.js'
import {
  bucketOf,
  canonicalRowText,
  integerBucketOf,
  type ReferenceValue,
  referenceChecksum,
  rowHashOf,
} from '../../src/checksum/reference.js'
import { Connection } from '../../src/connections/connection.js'
import type { ChecksumField, ColumnInfo, FieldEncoding, TypeFamily } from '../../src/dialects/dialect.js'
import { describeDataset } from '../../src/plan/side-plan.js'
import { availableEngines, type TestDatabase, type TestEngine } from '../support/engines.js'

interface Column {
  readonly name: string
  /** The column's type in its fixture's SQL. */
  readonly type: string
  readonly family: TypeFamily
  readonly encoding: FieldEncoding
}

const enc = (kind: FieldEncoding['kind'], options: Partial<FieldEncoding> = {}): FieldEncoding => ({
  ...defaultEncoding(kind),
  ...options,
})

/** The PostgreSQL fixture's columns (PGlite and PostgreSQL). */
const PG_COLUMNS: readonly Column[] = [
  { name: 'i', type: 'bigint', family: 'integer', encoding: enc('integer') },
  { name: 'small', type: 'smallint', family: 'integer', encoding: enc('decimal', { scale: 1 }) },
  { name: 'n', type: 'numeric(38,10)', family: 'decimal', encoding: enc('decimal') },
  // Truncated rather than rounded (rounding: truncate); n4r below rounds.
  {
    name: 'n2',
    type: 'numeric(12,4)',
    family: 'decimal',
    encoding: enc('decimal', { scale: 2, rounding: 'truncate' }),
  },
  { name: 'f', type: 'double precision', family: 'float', encoding: enc('decimal', { scale: 6 }) },
  { name: 't', type: 'text', family: 'text', encoding: enc('text') },
  {
    name: 'folded',
    type: 'varchar(40)',
    family: 'text',
    encoding: enc('text', { trimTrailingSpaces: true, ignoreCase: true }),
  },
  { name: 'fixed', type: 'char(6)', family: 'text', encoding: enc('text') },
  { name: 'd', type: 'date', family: 'date', encoding: enc('date') },
  { name: 'd_as_ts', type: 'date', family: 'date', encoding: enc('timestamp', { precision: 2 }) },
  { name: 'ts', type: 'timestamp', family: 'timestamp', encoding: enc('timestamp') },
  { name: 'ts3', type: 'timestamp', family: 'timestamp', encoding: enc('timestamp', { precision: 3 }) },
  {
    name: 'ts0',
    type: 'timestamp',
    family: 'timestamp',
    encoding: enc('timestamp', { precision: 0, rounding: 'truncate' }),
  },
  { name: 'tz', type: 'timestamptz', family: 'timestamptz', encoding: enc('timestamptz') },
  { name: 'b', type: 'boolean', family: 'boolean', encoding: enc('boolean') },
  { name: 'u', type: 'uuid', family: 'uuid', encoding: enc('uuid') },
  { name: 'bin', type: 'bytea', family: 'binary', encoding: enc('binary') },
  // At its declared scale a numeric is written by its own output function; the others are rounded in SQL.
  { name: 'n4', type: 'numeric(12,4)', family: 'decimal', encoding: enc('decimal', { scale: 4 }) },
  { name: 'f8', type: 'double precision', family: 'float', encoding: enc('float') },
  { name: 'f4', type: 'real', family: 'float', encoding: enc('float') },
  { name: 'ts4', type: 'timestamp', family: 'timestamp', encoding: enc('timestamp', { precision: 4 }) },
  { name: 'tz3', type: 'timestamptz', family: 'timestamptz', encoding: enc('timestamptz', { precision: 3 }) },
]

type Row = readonly ReferenceValue[]

const nulls: Row = PG_COLUMNS.map(() => null)
/** Row k has an empty string (or the family's nearest) in column k only, NULL elsewhere, and the reverse. */
const emptyAt = (k: number, fill: 'null' | 'empty'): Row =>
  PG_COLUMNS.map((c, i) => {
    const empty = (i === k) === (fill === 'null')
    if (!empty) return null
    return c.family === 'text' ? '' : c.family === 'binary' ? new Uint8Array() : null
  })

const PG_ROWS: readonly Row[] = [
  nulls,
  [
    1n,
    7,
    '12345.6789',
    '1.2345',
    0.1,
    'å ä ö Å Ä Ö',
    'Hello World  ',
    'ab',
    '1969-07-20',
    '1969-07-20',
    '1969-07-20 20:17:40.123456',
    '1969-07-20 20:17:40.123456',
    '1969-07-20 20:17:40.999999',
    '2024-03-31T01:59:59.999999+01:00',
    true,
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    Uint8Array.from([0, 1, 254, 255]),
    '1.2345',
    0.1,
    Math.fround(0.1),
    '1969-07-20 20:17:40.123456',
    '2024-03-31T01:59:59.999999+01:00',
  ],
  [
    -9223372036854775808n,
    -32768,
    '-0.00000000004',
    '-0.0040',
    -0,
    '',
    'MIXED Case Ååå',
    '  x',
    '0001-01-01',
    '0001-01-01',
    '0001-01-01 00:00:00',
    '0001-01-01 00:00:00.0005',
    '9999-12-31 23:59:59.999999',
    '2024-10-27T02:30:00+02:00',
    false,
    'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    new Uint8Array(),
    '-0.0040',
    -0,
    Math.fround(-1.5),
    '0001-01-01 00:00:00.00005',
    '2024-10-27T02:30:00.0005+02:00',
  ],
  [
    9223372036854775807n,
    32767,
    '9999999999999999999999999999.9999999999',
    '-12345678.9950',
    123456.7890123,
    'emoji 👩‍⚕️🇸🇪 | pipe \\ backslash \\N ||; |N',
    '|N',
    'a|b\\|;',
    '2024-02-29',
    '2024-02-29',
    '2000-01-01 00:00:00.1',
    '1999-12-31 23:59:59.9995',
    '1970-01-01 00:00:00.5',
    '2024-10-27T02:30:00+01:00',
    true,
    '00000000-0000-0000-0000-000000000000',
    Uint8Array.from([124, 92]),
    '-12345678.9950',
    1.7976931348623157e308,
    Math.fround(3.4e38),
    '1999-12-31 23:59:59.99999',
    '2024-10-27T02:30:00.1+01:00',
  ],
  [
    0n,
    0,
    '0.0000000001',
    '0.0050',
    -1.5e-7,
    '   ',
    '',
    '',
    '1900-03-01',
    '1900-03-01',
    '2000-01-01 00:00:00.12',
    '2000-01-01 00:00:00.123',
    '2000-01-01 00:00:00.1234',
    '1960-06-15T12:00:00.12345-05:00',
    null,
    null,
    null,
    '0.0050',
    5e-324,
    Math.fround(1.5e-7),
    '2000-01-01 00:00:00.12345',
    '1960-06-15T12:00:00.12345-05:00',
  ],
  ...PG_COLUMNS.map((_, k) => emptyAt(k, 'empty')),
  ...PG_COLUMNS.map((_, k) => emptyAt(k, 'null')),
]

/** A PostgreSQL literal of a value of a column; the values are the test's own constants. */
function literal(value: ReferenceValue, column: Column): string {
  if (value === null || value === undefined) return 'NULL'
  if (value instanceof Uint8Array) return `'\\x${Buffer.from(value).toString('hex')}'::bytea`
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number')
    return `CAST('${Object.is(value, -0) ? '-0' : String(value)}' AS ${column.type})`
  return `CAST('${String(value).replaceAll("'", "''")}' AS ${column.type})`
}

/** A SQL Server column of the fixture and its two values: the T-SQL literal inserted, and what the reference reads. */
interface MssqlCase {
  readonly column: string
  readonly type: string
  readonly family: TypeFamily
  readonly encoding: FieldEncoding
  /** T-SQL literal inserted, and the value the reference reads. */
  readonly values: ReadonlyArray<readonly [string, ReferenceValue]>
}

const MSSQL_CASES: readonly MssqlCase[] = [
  {
    column: 'i',
    type: 'bigint',
    family: 'integer',
    encoding: enc('integer'),
    values: [
      ['-9223372036854775808', -9223372036854775808n],
      ['0', 0n],
    ],
  },
  {
    column: 'n',
    type: 'decimal(38,10)',
    family: 'decimal',
    encoding: enc('decimal'),
    values: [
      ['9999999999999999999999999999.9999999999', '9999999999999999999999999999.9999999999'],
      ['-0.0000000001', '-0.0000000001'],
    ],
  },
  {
    column: 'n2',
    type: 'decimal(12,4)',
    family: 'decimal',
    encoding: enc('decimal', { scale: 2 }),
    values: [
      ['-12345678.9950', '-12345678.9950'],
      ['-0.0040', '-0.0040'],
    ],
  },
  {
    column: 'f',
    type: 'float',
    family: 'float',
    encoding: enc('decimal', { scale: 6 }),
    values: [
      ['0.1', 0.1],
      ['-0e0', -0],
    ],
  },
  {
    column: 't',
    type: 'nvarchar(100)',
    family: 'text',
    encoding: enc('text'),
    values: [
      ["N'å ä ö 👩‍⚕️🇸🇪 | \\ ||; |N'", 'å ä ö 👩‍⚕️🇸🇪 | \\ ||; |N'],
      ["N''", ''],
    ],
  },
  {
    column: 'v',
    type: 'varchar(40)',
    family: 'text',
    encoding: enc('text', { trimTrailingSpaces: true, ignoreCase: true }),
    values: [
      ["'MIXED Case  '", 'MIXED Case  '],
      ["'   '", '   '],
    ],
  },
  {
    column: 'c',
    type: 'char(6)',
    family: 'text',
    encoding: enc('text'),
    values: [
      ["'ab'", 'ab'],
      ["'  x'", '  x'],
    ],
  },
  {
    column: 'd',
    type: 'date',
    family: 'date',
    encoding: enc('date'),
    values: [
      ["'0001-01-01'", '0001-01-01'],
      ["'1969-07-20'", '1969-07-20'],
    ],
  },
  {
    column: 'ts',
    type: 'datetime2(7)',
    family: 'timestamp',
    encoding: enc('timestamp'),
    values: [
      ["'1969-07-20T20:17:40.1234567'", '1969-07-20 20:17:40.1234567'],
      ["'9999-12-31T23:59:59.9999999'", '9999-12-31 23:59:59.9999999'],
    ],
  },
  {
    column: 'legacy',
    type: 'datetime',
    family: 'timestamp',
    encoding: enc('timestamp', { precision: 3 }),
    values: [
      ["'2024-01-02T03:04:05.007'", '2024-01-02 03:04:05.007'],
      ["'1900-01-01T00:00:00'", '1900-01-01 00:00:00'],
    ],
  },
  {
    column: 'tz',
    type: 'datetimeoffset(7)',
    family: 'timestamptz',
    encoding: enc('timestamptz'),
    values: [
      ["'2024-10-27T02:30:00+02:00'", '2024-10-27T02:30:00+02:00'],
      ["'2024-10-27T02:30:00.5+01:00'", '2024-10-27T02:30:00.5+01:00'],
    ],
  },
  {
    column: 'b',
    type: 'bit',
    family: 'boolean',
    encoding: enc('boolean'),
    values: [
      ['1', true],
      ['0', false],
    ],
  },
  {
    column: 'u',
    type: 'uniqueidentifier',
    family: 'uuid',
    encoding: enc('uuid'),
    values: [
      ["'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
      ["'00000000-0000-0000-0000-000000000000'", '00000000-0000-0000-0000-000000000000'],
    ],
  },
  {
    column: 'n4',
    type: 'decimal(12,4)',
    family: 'decimal',
    encoding: enc('decimal', { scale: 4 }),
    values: [
      ['-0.0040', '-0.0040'],
      ['12345678.9950', '12345678.9950'],
    ],
  },
  {
    column: 'f8',
    type: 'float',
    family: 'float',
    encoding: enc('float'),
    values: [
      ['1.1e0', 1.1],
      ['-0e0', -0],
    ],
  },
  {
    column: 'f4',
    type: 'real',
    family: 'float',
    encoding: enc('float'),
    values: [
      ['0.1e0', Math.fround(0.1)],
      ['-1.5e0', -1.5],
    ],
  },
  {
    column: 'ts4',
    type: 'datetime2(7)',
    family: 'timestamp',
    encoding: enc('timestamp', { precision: 4 }),
    values: [
      ["'2000-01-01T00:00:00.1234567'", '2000-01-01 00:00:00.1234567'],
      ["'0001-01-01T00:00:00.0000500'", '0001-01-01 00:00:00.00005'],
    ],
  },
  {
    column: 'tz3',
    type: 'datetimeoffset(3)',
    family: 'timestamptz',
    encoding: enc('timestamptz', { precision: 3 }),
    values: [
      ["'1960-06-15T12:00:00.120-05:00'", '1960-06-15T12:00:00.12-05:00'],
      ["'2024-03-31T01:59:59.999+01:00'", '2024-03-31T01:59:59.999+01:00'],
    ],
  },
  {
    column: 'bin',
    type: 'varbinary(10)',
    family: 'binary',
    encoding: enc('binary'),
    values: [
      ['0x0001FEFF', Uint8Array.from([0, 1, 254, 255])],
      ['0x', new Uint8Array()],
    ],
  },
]

/** The tricky table of one SQL language: its columns, its rows as the reference reads them, the SQL making it. */
interface Fixture {
  readonly columns: readonly Column[]
  readonly rows: readonly Row[]
  readonly setup: string
  /** Declared fraction digits of column `ts` as the catalog reports them. */
  readonly tsDigits: number
}

const FIXTURES: Readonly<Record<TestEngine['fixtureSql'], Fixture>> = {
  postgres: {
    columns: PG_COLUMNS,
    rows: PG_ROWS,
    // A server whose sessions write dates the SQL way, in another time zone: the checksum must not depend on it.
    setup: `
        DO $$ BEGIN
          EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY');
          EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'America/New_York');
        END $$;
        SET TIME ZONE 'Europe/Stockholm';
        CREATE TABLE tricky (row_no integer, ${PG_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')});
        INSERT INTO tricky VALUES ${PG_ROWS.map((r, n) => `(${n}, ${r.map((v, i) => literal(v, PG_COLUMNS[i] as Column)).join(', ')})`).join(',\n')};`,
    tsDigits: 6,
  },
  // Rows 0 and 1 take each case's two values; row 2 is all NULL.
  mssql: {
    columns: MSSQL_CASES.map((c) => ({
      name: c.column,
      type: c.type,
      family: c.family,
      encoding: c.encoding,
    })),
    rows: [0, 1]
      .map((n) => MSSQL_CASES.map((c) => c.values[n]?.[1] ?? null))
      .concat([MSSQL_CASES.map(() => null)]),
    setup: [
      `CREATE TABLE tricky (row_no int NOT NULL PRIMARY KEY, ${MSSQL_CASES.map((c) => `${c.column} ${c.type} NULL`).join(', ')});`,
      ...[0, 1].map(
        (n) =>
          `INSERT INTO tricky VALUES (${n}, ${MSSQL_CASES.map((c) => c.values[n]?.[0] ?? 'NULL').join(', ')});`,
      ),
      'INSERT INTO tricky (row_no) VALUES (2);',
    ].join('\n'),
    tsDigits: 7,
  },
}

for (const engine of availableEngines()) {
  const fixture = FIXTURES[engine.fixtureSql]
  const { columns: COLUMNS, rows: ROWS } = fixture
  describe(`checksum SQL on ${engine.name} equals the reference`, () => {
    let db: TestDatabase
    let connection: Connection

    beforeAll(async () => {
      db = await engine.createDatabase('oracle')
      await db.exec(fixture.setup)
      connection = new Connection(db.config)
    })

    afterAll(async () => {
      await connection?.close()
      await db?.cleanup()
    })

    /** Each column as the catalog describes it, so that declared scales take the path a run takes. */
    let catalog: ReadonlyMap<string, ColumnInfo>
    const fieldOf = (c: Column): ChecksumField => {
      const info = catalog.get(c.name)
      if (info === undefined) throw new Error(`column ${c.name} is not in the catalog`)
      return {
        value: connection.dialect.checksumField(`t.${c.name}`, info, c.encoding),
        column: `t.${c.name}`,
      }
    }

    it('describes declared scales and precisions from the catalog', async () => {
      catalog = await describeDataset(
        connection,
        { connection: 'oracle', table: { schema: engine.defaultSchema, name: 'tricky' } },
        COLUMNS.map((c) => c.name),
      )
      expect(catalog.get('n4')).toMatchObject({ family: 'decimal', scale: 4 })
      expect(catalog.get('ts')).toMatchObject({ family: 'timestamp', fractionDigits: fixture.tsDigits })
      expect(catalog.get('f8')?.scale).toBeUndefined()
    })

    it('builds every field and row text byte for byte as the reference does', async () => {
      const d = connection.dialect
      const fields = COLUMNS.map(fieldOf)
      const { rows } = await connection.query<Record<string, string>>([
        `SELECT row_no, ${fields.map((f, i) => `${d.checksumRowText([f])} AS f${i}`).join(', ')}, ${d.checksumRowText(fields)} AS row_text FROM tricky AS t ORDER BY row_no`,
      ])
      expect(rows).toHaveLength(ROWS.length)
      rows.forEach((row, n) => {
        const values = ROWS[n] as Row
        COLUMNS.forEach((c, i) => {
          expect(`${c.name}: ${row[`f${i}`]}`).toBe(
            `${c.name}: ${canonicalRowText([values[i]], [c.encoding])}`,
          )
        })
        expect(row.row_text).toBe(
          canonicalRowText(
            values,
            COLUMNS.map((c) => c.encoding),
          ),
        )
      })
    })

    it('hashes each row and sums the hashes as the reference does', async () => {
      const d = connection.dialect
      const hash = d.rowHash(d.checksumRowText(COLUMNS.map(fieldOf)))
      const encodings = COLUMNS.map((c) => c.encoding)
      const perRow = await connection.query<{ h: string }>([
        `SELECT ${d.canonicalText(hash, 'integer')} AS h FROM tricky AS t ORDER BY row_no`,
      ])
      expect(perRow.rows.map((r) => String(r.h))).toEqual(
        ROWS.map((r) => rowHashOf(canonicalRowText(r, encodings)).toString()),
      )
      const total = await connection.query<{ n: unknown; s: unknown }>([
        `SELECT ${d.countRows()} AS n, ${d.sumRowHashes(hash)} AS s FROM tricky AS t`,
      ])
      const expected = referenceChecksum(ROWS, encodings)
      expect(String(total.rows[0]?.n)).toBe(expected.rows.toString())
      expect(String(total.rows[0]?.s)).toBe(expected.sum.toString())
    })

    it('puts each row into the bucket of its key that the reference computes, at every modulus', async () => {
      const d = connection.dialect
      // A composite key of text (NULL, non-ASCII, `|`) and a timestamp: its canonical key text is the row text.
      const keyColumns = COLUMNS.filter((c) => c.name === 't' || c.name === 'ts')
      const keyText = d.checksumRowText(keyColumns.map(fieldOf))
      const moduli = [2n, 1024n, 65_536n * 16n, 1n << 32n, 1n << 33n, 1n << 60n]
      const { rows } = await connection.query<Record<string, unknown>>([
        `SELECT ${moduli.map((m, i) => `${d.canonicalText(bucketSql(d, keyText, m), 'integer')} AS b${i}`).join(', ')} FROM tricky AS t ORDER BY row_no`,
      ])
      rows.forEach((row, n) => {
        const values = ROWS[n] as Row
        const text = canonicalRowText(
          keyColumns.map((c) => values[COLUMNS.indexOf(c)]),
          keyColumns.map((c) => c.encoding),
        )
        moduli.forEach((m, i) => expect(String(row[`b${i}`])).toBe(bucketOf(text, m).toString()))
      })
    })

    it('puts each integer key into the bucket the reference computes: signs, 0, bigint edges, strides', async () => {
      const d = connection.dialect
      const keys: (bigint | null)[] = [
        0n,
        1n,
        -1n,
        2_147_483_646n,
        2_147_483_647n,
        -2_147_483_647n,
        -2_147_483_648n,
        9_223_372_036_854_775_807n,
        -9_223_372_036_854_775_807n,
        -9_223_372_036_854_775_807n - 1n,
        ...[1n, 2n, 3n, 7n].map((j) => j * 10n),
        ...[1n, 2n, 3n, 7n].map((j) => -j * 1024n),
        null,
      ]
      const values = keys
        .map(
          (k, i) =>
            `(${i}, ${k === null ? 'CAST(NULL AS bigint)' : `CAST(${k === -(1n << 63n) ? `${k + 1n} - 1` : k} AS bigint)`})`,
        )
        .join(', ')
      const moduli = [1n, 2n, 1024n, 65_536n, 1n << 22n, 1n << 31n]
      const { rows } = await connection.query<Record<string, unknown>>([
        `SELECT ${moduli.map((m, i) => `${d.canonicalText(d.integerBucket(['v.k'], m), 'integer')} AS b${i}`).join(', ')}`,
        ` FROM (VALUES ${values}) AS v(n, k) ORDER BY v.n`,
      ])
      expect(rows).toHaveLength(keys.length)
      rows.forEach((row, n) =>
        moduli.forEach((m, i) =>
          expect(String(row[`b${i}`])).toBe(integerBucketOf([keys[n] ?? null], m).toString()),
        ),
      )
    })

    it('folds a key of several integer columns as the reference does, NULLs and signs included', async () => {
      const d = connection.dialect
      const keys: [bigint | null, bigint | null, bigint | null][] = [
        [0n, 0n, 0n],
        [1n, 2n, 3n],
        [3n, 2n, 1n],
        [-1n, 2_147_483_647n, -2_147_483_648n],
        [9_223_372_036_854_775_807n, -9_223_372_036_854_775_807n, 12n],
        [null, 5n, null],
        [123_456_789n, null, -42n],
      ]
      const literal = (k: bigint | null) => (k === null ? 'CAST(NULL AS bigint)' : `CAST(${k} AS bigint)`)
      const values = keys
        .map(([a, b, c], i) => `(${i}, ${literal(a)}, ${literal(b)}, ${literal(c)})`)
        .join(', ')
      const moduli = [1n, 1024n, 1n << 31n]
      const { rows } = await connection.query<Record<string, unknown>>([
        `SELECT ${moduli
          .flatMap((m, i) => [
            `${d.canonicalText(d.integerBucket(['v.a', 'v.b'], m), 'integer')} AS p${i}`,
            `${d.canonicalText(d.integerBucket(['v.a', 'v.b', 'v.c'], m), 'integer')} AS t${i}`,
          ])
          .join(', ')}`,
        ` FROM (VALUES ${values}) AS v(n, a, b, c) ORDER BY v.n`,
      ])
      expect(rows).toHaveLength(keys.length)
      rows.forEach((row, n) => {
        const [a, b, c] = keys[n] ?? [null, null, null]
        moduli.forEach((m, i) => {
          expect(String(row[`p${i}`])).toBe(integerBucketOf([a, b], m).toString())
          expect(String(row[`t${i}`])).toBe(integerBucketOf([a, b, c], m).toString())
        })
      })
    })

    it('selects the integers of a JSON list bound as one parameter', async () => {
      const d = connection.dialect
      const { rows } = await connection.query<{ row_no: unknown }>([
        'SELECT row_no FROM tricky AS t WHERE ',
        ...d.inIntegerList('t.row_no', { param: '[0,2,99]' }),
        ' ORDER BY row_no',
      ])
      expect(rows.map((r) => Number(r.row_no))).toEqual([0, 2].filter((n) => n < ROWS.length))
    })
  })
}
