import { Kysely, MssqlDialect } from 'kysely'
import * as tarn from 'tarn'
import * as tedious from 'tedious'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultEncoding } from '../../src/checksum/encoding.js'
import { compileStatement } from '../../src/dialects/compile.js'
import type { ColumnInfo, FieldEncoding } from '../../src/dialects/dialect.js'
import { mssqlSql as d } from '../../src/dialects/mssql/mssql-sql.js'

// Compiling needs the dialect's query compiler only; a factory call would mean a connection was attempted.
const db = new Kysely<unknown>({
  dialect: new MssqlDialect({
    tarn: { ...tarn, options: { min: 0, max: 1 } },
    tedious: {
      ...tedious,
      connectionFactory: () => {
        throw new Error('compiling must not connect')
      },
    },
  }),
})
afterAll(() => db.destroy())

const col = (dataType: string, family: ColumnInfo['family']): ColumnInfo => ({ name: 'c', dataType, family })
const enc = (kind: FieldEncoding['kind'], options: Partial<FieldEncoding> = {}): FieldEncoding => ({
  ...defaultEncoding(kind),
  ...options,
})

describe('mssqlSql checksum fields (golden T-SQL)', () => {
  const cases: Array<[string, ColumnInfo, FieldEncoding, string]> = [
    ['bigint', col('bigint', 'integer'), enc('integer'), "COALESCE(CONVERT(nvarchar(20), [c]), N'\\N')"],
    [
      'decimal at scale 2',
      col('decimal', 'decimal'),
      enc('decimal', { scale: 2 }),
      "COALESCE(CONVERT(nvarchar(60), CAST([c] AS decimal(38, 2))), N'\\N')",
    ],
    [
      'nvarchar',
      col('nvarchar', 'text'),
      enc('text'),
      "COALESCE(REPLACE(REPLACE(CAST([c] AS nvarchar(max)) COLLATE Latin1_General_100_BIN2, N'\\', N'\\\\'), N'|', N'\\|'), N'\\N')",
    ],
    [
      'char(n), trimmed and folded',
      col('char', 'text'),
      enc('text', { ignoreCase: true }),
      "COALESCE(REPLACE(REPLACE(TRANSLATE(RTRIM(CAST([c] AS nvarchar(max))) COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz'), N'\\', N'\\\\'), N'|', N'\\|'), N'\\N')",
    ],
    ['date', col('date', 'date'), enc('date'), "COALESCE(CONVERT(nvarchar(10), [c], 23), N'\\N')"],
    [
      'datetime2 at full precision',
      col('datetime2', 'timestamp'),
      enc('timestamp'),
      "COALESCE(CONVERT(nvarchar(27), CAST([c] AS datetime2(7)), 121), N'\\N')",
    ],
    [
      'datetime at 3 digits, via its displayed milliseconds',
      col('datetime', 'timestamp'),
      enc('timestamp', { precision: 3 }),
      "COALESCE(LEFT(CONVERT(nvarchar(27), CAST(CAST([c] AS datetime2(3)) AS datetime2(7)), 121), 23), N'\\N')",
    ],
    [
      'datetime2 to the second',
      col('datetime2', 'timestamp'),
      enc('timestamp', { precision: 0 }),
      "COALESCE(LEFT(CONVERT(nvarchar(27), CAST([c] AS datetime2(7)), 121), 19), N'\\N')",
    ],
    [
      'datetimeoffset in UTC',
      col('datetimeoffset', 'timestamptz'),
      enc('timestamptz'),
      "COALESCE((CONVERT(nvarchar(27), CAST(SWITCHOFFSET([c], '+00:00') AS datetime2(7)), 121) + N'Z'), N'\\N')",
    ],
    ['bit', col('bit', 'boolean'), enc('boolean'), "COALESCE(CONVERT(nvarchar(1), [c]), N'\\N')"],
    [
      'uniqueidentifier',
      col('uniqueidentifier', 'uuid'),
      enc('uuid'),
      "COALESCE(LOWER(CONVERT(nvarchar(36), [c])), N'\\N')",
    ],
    [
      'varbinary',
      col('varbinary', 'binary'),
      enc('binary'),
      "COALESCE(LOWER(CONVERT(nvarchar(max), CAST([c] AS varbinary(max)), 2)), N'\\N')",
    ],
  ]
  for (const [what, column, encoding, expected] of cases) {
    it(what, () => expect(d.checksumField('[c]', column, encoding)).toBe(expected))
  }

  it('joins fields as nvarchar(max), hashes the UTF-8 bytes with MD5 and keeps 60 bits of the leading 8 bytes', () => {
    const row = d.checksumRowText(['f1', 'f2', 'f3'])
    expect(row).toBe("CAST(f1 AS nvarchar(max)) + N'|' + f2 + N'|' + f3")
    expect(d.rowHash(row)).toBe(
      "(CAST(CAST(HASHBYTES('MD5', CAST((CAST(f1 AS nvarchar(max)) + N'|' + f2 + N'|' + f3) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(max))) AS binary(8)) AS bigint) & CAST(0x0FFFFFFFFFFFFFFF AS bigint))",
    )
    expect(d.sumRowHashes('h')).toBe('CONVERT(varchar(40), SUM(CAST(h AS decimal(38, 0))))')
  })

  it('avoids FORMAT, CHECKSUM, BINARY_CHECKSUM and hex-text slicing', () => {
    const all = [
      ...cases.map(([, column, encoding]) => d.checksumField('[c]', column, encoding)),
      d.rowHash('x'),
      d.sumRowHashes('h'),
    ].join('\n')
    expect(all).not.toMatch(/\bFORMAT\(|CHECKSUM\(|SUBSTRING\(|RIGHT\(/i)
  })

  it('compares text keys in a binary collation, binds key values typed, and limits with TOP', () => {
    expect(d.keyOrder('[code]', 'text')).toBe(
      '(CAST([code] AS nvarchar(max)) COLLATE Latin1_General_100_BIN2)',
    )
    expect(d.keyOrder('[id]', 'integer')).toBe('[id]')
    const compiled = compileStatement(db, [
      ...d.limitRows(
        [
          'SELECT [k] FROM [t] WHERE [code] >= ',
          ...d.keyParam({ param: 'Å-1' }, 'text'),
          ' AND [id] < ',
          ...d.keyParam({ param: '42' }, 'integer'),
          ' AND [at] < ',
          ...d.keyParam({ param: '2024-01-01T00:00:00' }, 'timestamp'),
        ],
        100,
      ),
    ])
    expect(compiled.sql).toBe(
      'SELECT TOP (100) * FROM (\nSELECT [k] FROM [t] WHERE [code] >= (CAST(@1 AS nvarchar(max)) COLLATE Latin1_General_100_BIN2) AND [id] < CAST(@2 AS bigint) AND [at] < CAST(@3 AS datetime2(7))\n) AS limited',
    )
    expect(compiled.parameters).toEqual(['Å-1', '42', '2024-01-01T00:00:00'])
  })
})
