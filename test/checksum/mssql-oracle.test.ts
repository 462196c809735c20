/**
 * The checksum oracle on a live SQL Server (2019 or later: UTF-8 collations): tricky values in SQL Server types,
 * canonical text and row hash built by the T-SQL dialect, compared with the TypeScript reference. Runs only with
 * TEST_MSSQL_URL; the skip is printed.
 */
import { Kysely, MssqlDialect, sql } from 'kysely'
import * as tarn from 'tarn'
import * as tedious from 'tedious'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEncoding } from '../../src/checksum/encoding.js'
import { canonicalRowText, type ReferenceValue, rowHashOf } from '../../src/checksum/reference.js'
import type { EngineSession, FieldEncoding, TypeFamily } from '../../src/dialects/dialect.js'
import { mssqlEngine, tediousConfig } from '../../src/dialects/mssql/mssql-engine.js'
import { mssqlSql as d } from '../../src/dialects/mssql/mssql-sql.js'
import { parseMssqlUrl } from '../support/mssql-url.js'

const url = process.env.TEST_MSSQL_URL
if (!url) console.warn('SKIPPED: SQL Server checksum oracle (set TEST_MSSQL_URL to run it)')

interface Case {
  readonly column: string
  readonly type: string
  readonly family: TypeFamily
  readonly encoding: FieldEncoding
  /** T-SQL literal inserted, and the value the reference reads. */
  readonly values: ReadonlyArray<readonly [string, ReferenceValue]>
}

const enc = (kind: FieldEncoding['kind'], options: Partial<FieldEncoding> = {}): FieldEncoding => ({
  ...defaultEncoding(kind),
  ...options,
})

const CASES: readonly Case[] = [
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

/** Row 1 and 2 take each case's two values; row 3 is all NULL. */
const ROWS: ReadonlyArray<readonly ReferenceValue[]> = [
  CASES.map((c) => c.values[0]?.[1] ?? null),
  CASES.map((c) => c.values[1]?.[1] ?? null),
  CASES.map(() => null),
]

describe.skipIf(!url)('checksum SQL on SQL Server equals the reference', () => {
  const schema = `reconcile_ck_${process.pid}_${Date.now() % 100_000}`
  const table = () => d.quoteTable(schema, 'tricky')
  let admin: Kysely<unknown>
  let session: EngineSession

  beforeAll(async () => {
    const config = parseMssqlUrl(url ?? '')
    admin = new Kysely<unknown>({
      dialect: new MssqlDialect({
        tarn: { ...tarn, options: { min: 0, max: 1, propagateCreateError: true } },
        tedious: { ...tedious, connectionFactory: () => new tedious.Connection(tediousConfig(config)) },
      }),
    })
    await sql.raw(`CREATE SCHEMA ${d.quoteIdent(schema)}`).execute(admin)
    const columns = CASES.map((c) => `${d.quoteIdent(c.column)} ${c.type} NULL`).join(', ')
    await sql.raw(`CREATE TABLE ${table()} (row_no int NOT NULL PRIMARY KEY, ${columns})`).execute(admin)
    for (const n of [0, 1]) {
      const literals = CASES.map((c) => c.values[n]?.[0] ?? 'NULL').join(', ')
      await sql.raw(`INSERT INTO ${table()} VALUES (${n}, ${literals})`).execute(admin)
    }
    await sql.raw(`INSERT INTO ${table()} (row_no) VALUES (2)`).execute(admin)
    session = mssqlEngine.open(config)
  })

  afterAll(async () => {
    await session?.close()
    if (admin !== undefined) {
      await sql.raw(`DROP TABLE IF EXISTS ${table()}`).execute(admin)
      await sql.raw(`DROP SCHEMA IF EXISTS ${d.quoteIdent(schema)}`).execute(admin)
      await admin.destroy()
    }
  })

  it('builds every field, the row text and the row hash as the reference does', async () => {
    const fields = CASES.map((c) => ({
      value: d.checksumField(
        `t.${d.quoteIdent(c.column)}`,
        { name: c.column, dataType: c.type, family: c.family },
        c.encoding,
      ),
      column: `t.${d.quoteIdent(c.column)}`,
    }))
    const hash = d.rowHash(d.checksumRowText(fields))
    const { rows } = await session.readOnly<Record<string, string>>([
      `SELECT ${fields.map((f, i) => `${d.checksumRowText([f])} AS f${i}`).join(', ')}, ${d.checksumRowText(fields)} AS row_text, ${d.canonicalText(hash, 'integer')} AS h FROM ${table()} AS t ORDER BY row_no`,
    ])
    const encodings = CASES.map((c) => c.encoding)
    expect(rows).toHaveLength(ROWS.length)
    rows.forEach((row, n) => {
      const values = ROWS[n] ?? []
      CASES.forEach((c, i) => {
        expect(`${c.column}: ${row[`f${i}`]}`).toBe(
          `${c.column}: ${canonicalRowText([values[i]], [c.encoding])}`,
        )
      })
      expect(row.row_text).toBe(canonicalRowText(values, encodings))
      expect(row.h).toBe(rowHashOf(canonicalRowText(values, encodings)).toString())
    })
  })
})
