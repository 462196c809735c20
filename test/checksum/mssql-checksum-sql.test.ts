import { afterAll, describe, expect, it } from 'vitest'
import { defaultEncoding } from '../../src/checksum/encoding.js'
import { bucketSql } from '../../src/checksum/hash-buckets.js'
import type { ColumnInfo, FieldEncoding } from '../../src/dialects/dialect.js'
import { mssqlSql as d } from '../../src/dialects/mssql/mssql-sql.js'
import { mssqlCompiler } from '../support/mssql-compiler.js'

const compiler = mssqlCompiler()
afterAll(() => compiler.destroy())

const col = (dataType: string, family: ColumnInfo['family']): ColumnInfo => ({ name: 'c', dataType, family })
const enc = (kind: FieldEncoding['kind'], options: Partial<FieldEncoding> = {}): FieldEncoding => ({
  ...defaultEncoding(kind),
  ...options,
})

describe('mssqlSql checksum fields (golden T-SQL)', () => {
  const cases: Array<[string, ColumnInfo, FieldEncoding, string]> = [
    ['bigint', col('bigint', 'integer'), enc('integer'), 'CONVERT(nvarchar(20), [c])'],
    [
      'decimal at scale 2',
      col('decimal', 'decimal'),
      enc('decimal', { scale: 2 }),
      'CONVERT(nvarchar(60), CAST([c] AS decimal(38, 2)))',
    ],
    [
      'float as its IEEE 754 bits, -0 as 0',
      col('float', 'float'),
      enc('float'),
      'LOWER(CONVERT(nvarchar(16), CAST(CAST([c] AS float) + CAST(0 AS float) AS binary(8)), 2))',
    ],
    [
      'nvarchar, | doubled',
      col('nvarchar', 'text'),
      enc('text'),
      "REPLACE(CAST([c] AS nvarchar(max)) COLLATE Latin1_General_100_BIN2, N'|', N'||')",
    ],
    [
      'char(n), trimmed and folded',
      col('char', 'text'),
      enc('text', { ignoreCase: true }),
      "REPLACE(TRANSLATE(RTRIM(CAST([c] AS nvarchar(max))) COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz'), N'|', N'||')",
    ],
    ['date', col('date', 'date'), enc('date'), 'CONVERT(nvarchar(10), [c], 23)'],
    [
      'datetime2 at full precision, trailing zeros dropped',
      col('datetime2', 'timestamp'),
      enc('timestamp'),
      'LEFT(CONVERT(nvarchar(27), CAST([c] AS datetime2(7)), 121), CASE WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) = 0 THEN 19 WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) % 1000000 = 0 THEN 21 WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) % 100000 = 0 THEN 22 WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) % 10000 = 0 THEN 23 WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) % 1000 = 0 THEN 24 WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) % 100 = 0 THEN 25 WHEN (DATEPART(nanosecond, CAST([c] AS datetime2(7))) / 100) % 10 = 0 THEN 26 ELSE 27 END)',
    ],
    [
      'datetime at 3 digits, via its displayed milliseconds, truncated',
      col('datetime', 'timestamp'),
      enc('timestamp', { precision: 3, rounding: 'truncate' }),
      'LEFT(CONVERT(nvarchar(27), CAST(CAST([c] AS datetime2(3)) AS datetime2(7)), 121), CASE WHEN (DATEPART(nanosecond, CAST(CAST([c] AS datetime2(3)) AS datetime2(7))) / 1000000) = 0 THEN 19 WHEN (DATEPART(nanosecond, CAST(CAST([c] AS datetime2(3)) AS datetime2(7))) / 1000000) % 100 = 0 THEN 21 WHEN (DATEPART(nanosecond, CAST(CAST([c] AS datetime2(3)) AS datetime2(7))) / 1000000) % 10 = 0 THEN 22 ELSE 23 END)',
    ],
    [
      'datetime2 to the second, truncated',
      col('datetime2', 'timestamp'),
      enc('timestamp', { precision: 0, rounding: 'truncate' }),
      'LEFT(CONVERT(nvarchar(27), CAST([c] AS datetime2(7)), 121), 19)',
    ],
    [
      'datetime2 rounded to the second: half a second added first',
      col('datetime2', 'timestamp'),
      enc('timestamp', { precision: 0 }),
      'LEFT(CONVERT(nvarchar(27), DATEADD(nanosecond, 500000000, CAST([c] AS datetime2(7))), 121), 19)',
    ],
    [
      'decimal truncated to scale 2',
      col('decimal', 'decimal'),
      enc('decimal', { scale: 2, rounding: 'truncate' }),
      'CONVERT(nvarchar(60), CAST(ROUND([c], 2, 1) AS decimal(38, 2)))',
    ],
    [
      'datetimeoffset in UTC, rounded to a tenth of a second',
      col('datetimeoffset', 'timestamptz'),
      enc('timestamptz', { precision: 1 }),
      "LEFT(CONVERT(nvarchar(27), DATEADD(nanosecond, 50000000, CAST(SWITCHOFFSET([c], '+00:00') AS datetime2(7))), 121), CASE WHEN (DATEPART(nanosecond, DATEADD(nanosecond, 50000000, CAST(SWITCHOFFSET([c], '+00:00') AS datetime2(7)))) / 100000000) = 0 THEN 19 ELSE 21 END)",
    ],
    [
      'bit',
      col('bit', 'boolean'),
      enc('boolean'),
      "(CASE WHEN [c] = 1 THEN N't' WHEN [c] = 0 THEN N'f' END)",
    ],
    ['uniqueidentifier', col('uniqueidentifier', 'uuid'), enc('uuid'), 'LOWER(CONVERT(nvarchar(36), [c]))'],
    [
      'varbinary',
      col('varbinary', 'binary'),
      enc('binary'),
      'LOWER(CONVERT(nvarchar(max), CAST([c] AS varbinary(max)), 2))',
    ],
  ]
  for (const [what, column, encoding, expected] of cases) {
    it(what, () => expect(d.checksumField('[c]', column, encoding)).toBe(expected))
  }

  it('joins fields and NULL markers with CONCAT_WS as nvarchar(max), hashes the UTF-8 bytes with MD5 and keeps 60 bits of the leading 8 bytes', () => {
    const row = d.checksumRowText([
      { value: 'f1', column: '[a]' },
      { value: 'f2', column: '[b]' },
    ])
    expect(row).toBe(
      "CONCAT_WS(N'|;', CAST(f1 AS nvarchar(max)), CASE WHEN [a] IS NULL THEN N'|N' END, f2, CASE WHEN [b] IS NULL THEN N'|N' END)",
    )
    expect(d.rowHash(row)).toBe(
      `(CAST(CAST(HASHBYTES('MD5', CAST((${row}) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(max))) AS binary(8)) AS bigint) & CAST(0x0FFFFFFFFFFFFFFF AS bigint))`,
    )
    expect(d.sumRowHashes('h')).toBe('CONVERT(varchar(40), SUM(CAST(h AS decimal(38, 0))))')
  })

  it('nests CONCAT_WS beyond 32 columns, within its 254 arguments', () => {
    const fields = Array.from({ length: 70 }, (_, i) => ({ value: `f${i}`, column: `[c${i}]` }))
    const row = d.checksumRowText(fields)
    expect(row.match(/CONCAT_WS\(/g)).toHaveLength(4)
    expect(row.startsWith("CONCAT_WS(N'|;', CAST(CONCAT_WS(N'|;', CAST(f0 AS nvarchar(max)),")).toBe(true)
    expect(row).toContain("f69, CASE WHEN [c69] IS NULL THEN N'|N' END))")
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
    const compiled = compiler.compile([
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

  it('buckets rows by the key hash in bigint arithmetic and selects buckets from one OPENJSON parameter', () => {
    const bucket = bucketSql(d, '[k]', 1n << 40n)
    expect(bucket).toBe(`(${d.rowHash('[k]')} % CAST(1099511627776 AS bigint))`)
    const compiled = compiler.compile([
      'SELECT 1 FROM [t] WHERE ',
      ...d.inIntegerList(bucket, { param: '[1,5,9]' }),
    ])
    expect(compiled.sql).toBe(
      `SELECT 1 FROM [t] WHERE ${bucket} IN (SELECT CAST(j.[value] AS bigint) FROM OPENJSON(@1) AS j)`,
    )
    expect(compiled.parameters).toEqual(['[1,5,9]'])
  })

  it('groups by bucket under the HASH GROUP query hint, after the condition and its parameter', () => {
    const compiled = compiler.compile(
      d.hashGroupBy(
        's.seg AS seg, COUNT_BIG(*) AS n',
        ['SELECT [b] AS seg FROM [t] WHERE [x] = ', { param: 7 }],
        's',
        's.seg',
      ),
    )
    expect(compiled.sql).toBe(
      'SELECT s.seg AS seg, COUNT_BIG(*) AS n\nFROM (SELECT [b] AS seg FROM [t] WHERE [x] = @1\n) AS s\nGROUP BY s.seg\nOPTION (HASH GROUP)',
    )
    expect(compiled.parameters).toEqual([7])
  })
})
