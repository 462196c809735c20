import * as tedious from 'tedious'
import { afterAll, describe, expect, it } from 'vitest'
import type { MssqlConnectionConfig } from '../../src/config/types.js'
import type { Statement, TypeFamily } from '../../src/dialects/dialect.js'
import {
  classifyMssqlError,
  mssqlEngine,
  readOnlyBatch,
  tediousConfig,
} from '../../src/dialects/mssql/mssql-engine.js'
import { mssqlSql as d } from '../../src/dialects/mssql/mssql-sql.js'
import { mssqlCompiler } from '../support/mssql-compiler.js'

const compiler = mssqlCompiler()
afterAll(() => compiler.destroy())

const compile = (statement: Statement) => compiler.compile(statement)

describe('mssqlSql quoting', () => {
  it('brackets identifiers and doubles a closing bracket', () => {
    expect(d.quoteIdent('visit')).toBe('[visit]')
    expect(d.quoteIdent('Visit Log')).toBe('[Visit Log]')
    expect(d.quoteIdent('odd]name')).toBe('[odd]]name]')
    expect(d.quoteIdent('[x]')).toBe('[[x]]]')
    expect(d.quoteIdent("it's")).toBe("[it's]")
  })

  it('quotes schema and table separately', () => {
    expect(d.quoteTable('dbo', 'Visit Log')).toBe('[dbo].[Visit Log]')
    expect(d.quoteTable('a]b', 'c.d')).toBe('[a]]b].[c.d]')
  })
})

describe('mssqlSql aggregates', () => {
  it('counts with COUNT_BIG and binds parameters as @1, @2', () => {
    const x = d.quoteIdent('x')
    const compiled = compile([
      `SELECT ${d.countRows()} AS n, ${d.countValues(x)} AS v, ${d.countDistinct(x)} AS dv FROM ${d.quoteTable('dbo', 't')} WHERE [k] = `,
      { param: 5 },
      ' AND [name] = ',
      { param: 'a]b' },
    ])
    expect(compiled.sql).toBe(
      'SELECT COUNT_BIG(*) AS n, COUNT_BIG([x]) AS v, COUNT_BIG(DISTINCT [x]) AS dv FROM [dbo].[t] WHERE [k] = @1 AND [name] = @2',
    )
    expect(compiled.parameters).toEqual([5, 'a]b'])
  })

  it('sums exactly as decimal(38, 10) text', () => {
    expect(d.sumAsText('[amount]')).toBe('CONVERT(varchar(60), SUM(CAST([amount] AS decimal(38, 10))))')
  })
})

describe('mssqlSql canonicalText', () => {
  const cases: [TypeFamily, string][] = [
    ['integer', 'CONVERT(varchar(40), [c])'],
    ['decimal', 'CONVERT(varchar(60), CAST([c] AS decimal(38, 10)))'],
    ['float', 'CONVERT(varchar(60), CAST([c] AS decimal(38, 10)))'],
    ['date', 'CONVERT(varchar(10), [c], 23)'],
    ['timestamp', 'CONVERT(varchar(30), CAST([c] AS datetime2(7)), 126)'],
    ['timestamptz', "(CONVERT(varchar(30), CAST(SWITCHOFFSET([c], '+00:00') AS datetime2(7)), 126) + 'Z')"],
    ['boolean', 'CONVERT(varchar(1), [c])'],
    ['uuid', 'LOWER(CONVERT(varchar(36), [c]))'],
    ['binary', 'LOWER(CONVERT(varchar(max), [c], 2))'],
    ['text', 'CAST([c] AS nvarchar(max))'],
    ['unknown', 'CAST([c] AS nvarchar(max))'],
  ]

  it.each(cases)('%s', (family, expected) => {
    expect(d.canonicalText('[c]', family)).toBe(expected)
  })

  it('covers every family', () => {
    const all: Record<TypeFamily, true> = {
      integer: true,
      decimal: true,
      float: true,
      text: true,
      date: true,
      timestamp: true,
      timestamptz: true,
      boolean: true,
      uuid: true,
      binary: true,
      unknown: true,
    }
    expect(cases.map(([f]) => f).sort()).toEqual(Object.keys(all).sort())
  })

  it('wraps an aggregate expression unchanged', () => {
    expect(d.canonicalText('MAX([Changed At])', 'timestamptz')).toBe(
      "(CONVERT(varchar(30), CAST(SWITCHOFFSET(MAX([Changed At]), '+00:00') AS datetime2(7)), 126) + 'Z')",
    )
  })
})

describe('mssqlSql timestampParam', () => {
  it('casts canonical text to the type of each family, numbered after earlier parameters', () => {
    const compiled = compile([
      'SELECT COUNT_BIG(*) FROM [dbo].[t] WHERE [k] = ',
      { param: 'x' },
      ' AND [d] <= ',
      ...d.timestampParam({ param: '2024-03-31' }, 'date'),
      ' AND [ts] <= ',
      ...d.timestampParam({ param: '2024-03-31T02:30:00.123456' }, 'timestamp'),
      ' AND [tz] <= ',
      ...d.timestampParam({ param: '2024-03-31T00:30:00.123456Z' }, 'timestamptz'),
    ])
    expect(compiled.sql).toBe(
      'SELECT COUNT_BIG(*) FROM [dbo].[t] WHERE [k] = @1' +
        ' AND [d] <= CAST(@2 AS date)' +
        ' AND [ts] <= CAST(@3 AS datetime2(7))' +
        ' AND [tz] <= CAST(@4 AS datetimeoffset(7))',
    )
    expect(compiled.parameters).toEqual([
      'x',
      '2024-03-31',
      '2024-03-31T02:30:00.123456',
      '2024-03-31T00:30:00.123456Z',
    ])
  })
})

describe('mssqlSql derivedTable', () => {
  it('wraps the query on its own lines and drops a trailing semicolon', () => {
    expect(d.derivedTable('  SELECT 1 AS one;  \n', 'q')).toBe('(\nSELECT 1 AS one\n) AS q')
    expect(d.derivedTable('SELECT a FROM [dbo].[t]', 'src')).toBe('(\nSELECT a FROM [dbo].[t]\n) AS src')
  })
})

describe('mssqlSql familyOf', () => {
  const cases: [string, TypeFamily][] = [
    ['tinyint', 'integer'],
    ['smallint', 'integer'],
    ['int', 'integer'],
    ['bigint', 'integer'],
    ['decimal', 'decimal'],
    ['decimal(18,2)', 'decimal'],
    ['numeric(38, 10)', 'decimal'],
    ['money', 'decimal'],
    ['smallmoney', 'decimal'],
    ['float', 'float'],
    ['float(53)', 'float'],
    ['real', 'float'],
    ['char(10)', 'text'],
    ['varchar', 'text'],
    ['varchar(max)', 'text'],
    ['nchar', 'text'],
    ['nvarchar(50)', 'text'],
    ['text', 'text'],
    ['ntext', 'text'],
    ['sysname', 'text'],
    ['date', 'date'],
    ['datetime', 'timestamp'],
    ['datetime2', 'timestamp'],
    ['datetime2(7)', 'timestamp'],
    ['DATETIME2(3)', 'timestamp'],
    ['smalldatetime', 'timestamp'],
    ['datetimeoffset', 'timestamptz'],
    ['datetimeoffset(7)', 'timestamptz'],
    ['bit', 'boolean'],
    ['uniqueidentifier', 'uuid'],
    ['binary(16)', 'binary'],
    ['varbinary(max)', 'binary'],
    ['image', 'binary'],
    ['rowversion', 'binary'],
    ['timestamp', 'binary'],
    ['time(7)', 'unknown'],
    ['xml', 'unknown'],
    ['sql_variant', 'unknown'],
    ['geography', 'unknown'],
  ]

  it.each(cases)('%s is %s', (dataType, family) => {
    expect(d.familyOf(dataType)).toBe(family)
  })
})

describe('mssqlSql describeTable', () => {
  it('reads INFORMATION_SCHEMA.COLUMNS with bound names', () => {
    const compiled = compile(d.describeTable('dbo', "Visit]'Log"))
    expect(compiled.sql).toBe(
      'SELECT COLUMN_NAME AS column_name, DATA_TYPE AS data_type, NUMERIC_SCALE AS numeric_scale,' +
        ' DATETIME_PRECISION AS datetime_precision FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = @1 AND TABLE_NAME = @2 ORDER BY ORDINAL_POSITION',
    )
    expect(compiled.parameters).toEqual(['dbo', "Visit]'Log"])
  })
})

describe('mssqlSql describeQuery', () => {
  const query = "SELECT id, note AS [odd]]col] FROM dbo.t WHERE note = 'it''s';"

  it('passes the query text as a parameter, never spliced into the SQL', () => {
    const compiled = compile(d.describeQuery(query, ['id', 'odd]col']))
    expect(compiled.sql).toBe(
      'SELECT name AS column_name, system_type_name AS data_type, error_message,' +
        ' scale AS numeric_scale, scale AS datetime_precision FROM sys.dm_exec_describe_first_result_set(@1, NULL, 0) ORDER BY column_ordinal',
    )
    expect(compiled.parameters).toEqual([
      "SELECT [id], [odd]]col] FROM (\nSELECT id, note AS [odd]]col] FROM dbo.t WHERE note = 'it''s'\n) AS q",
    ])
  })

  it('describes every column when none are named', () => {
    expect(compile(d.describeQuery('SELECT 1 AS one', [])).parameters).toEqual([
      'SELECT * FROM (\nSELECT 1 AS one\n) AS q',
    ])
  })
})

const base: MssqlConnectionConfig = {
  name: 'cosmic',
  dialect: 'mssql',
  host: 'db1.region.local',
  port: 1433,
  database: 'Cosmic',
  user: 'reconcile',
  password: 'secret-password',
  encrypt: true,
  trustServerCertificate: false,
  isolation: 'read_committed',
  readOnlyIntent: true,
  statementTimeoutMs: 300_000,
  maxConcurrentQueries: 2,
  retry: { attempts: 3, initialDelayMs: 1000, maxDelayMs: 30_000 },
}

describe('mssqlEngine readOnlyBatch', () => {
  it('sends the session settings in the same batch as the statement', () => {
    const compiled = compile(
      readOnlyBatch(['SELECT COUNT_BIG(*) AS n FROM [dbo].[t] WHERE [k] = ', { param: 7 }], 1500),
    )
    expect(compiled.sql).toBe(
      'SET DEADLOCK_PRIORITY LOW;\nSET LOCK_TIMEOUT 1500;\nSELECT COUNT_BIG(*) AS n FROM [dbo].[t] WHERE [k] = @1',
    )
    expect(compiled.parameters).toEqual([7])
  })

  it('keeps the lock timeout a positive int', () => {
    expect(readOnlyBatch([], 0)[0]).toBe('SET DEADLOCK_PRIORITY LOW;\nSET LOCK_TIMEOUT 1;\n')
    expect(readOnlyBatch([], 1e12)[0]).toBe('SET DEADLOCK_PRIORITY LOW;\nSET LOCK_TIMEOUT 2147483647;\n')
  })
})

describe('mssqlEngine tediousConfig', () => {
  it('uses a SQL login, the port, and every connection option', () => {
    expect(tediousConfig(base)).toEqual({
      server: 'db1.region.local',
      authentication: { type: 'default', options: { userName: 'reconcile', password: 'secret-password' } },
      options: {
        port: 1433,
        database: 'Cosmic',
        encrypt: true,
        trustServerCertificate: false,
        readOnlyIntent: true,
        requestTimeout: 300_000,
        connectTimeout: 15_000,
        appName: 'cosmic-reconcile',
        useUTC: true,
      },
    })
  })

  it('uses NTLM with a domain and omits the port with a named instance', () => {
    const config = tediousConfig({ ...base, domain: 'REGION', instance: 'COSMIC01' })
    expect(config.authentication).toEqual({
      type: 'ntlm',
      options: { userName: 'reconcile', password: 'secret-password', domain: 'REGION' },
    })
    expect(config.options?.instanceName).toBe('COSMIC01')
    expect(config.options).not.toHaveProperty('port')
  })
})

describe('mssqlEngine describeTarget', () => {
  it('names host, port and database, never the password', () => {
    expect(mssqlEngine.describeTarget(base)).toBe('SQL Server db1.region.local:1433/Cosmic')
    expect(mssqlEngine.describeTarget({ ...base, instance: 'COSMIC01' })).toBe(
      'SQL Server db1.region.local\\COSMIC01/Cosmic',
    )
    expect(mssqlEngine.describeTarget(base)).not.toContain('secret')
  })
})

describe('mssqlEngine classify', () => {
  const requestError = (code: string, number?: number) => {
    const e = new tedious.RequestError('failed', code)
    if (number !== undefined) e.number = number
    return e
  }

  it('sorts connection errors', () => {
    expect(classifyMssqlError(new tedious.ConnectionError('Failed to connect', 'ESOCKET'))).toBe(
      'unreachable',
    )
    expect(classifyMssqlError(new tedious.ConnectionError('Failed to connect in 15000ms', 'ETIMEOUT'))).toBe(
      'unreachable',
    )
    expect(classifyMssqlError(new tedious.ConnectionError('no instance', 'EINSTLOOKUP'))).toBe('unreachable')
    expect(
      classifyMssqlError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('unreachable')
    expect(
      classifyMssqlError(new tedious.ConnectionError("Login failed for user 'reconcile'.", 'ELOGIN')),
    ).toBe('auth')
  })

  it('sorts request errors', () => {
    expect(classifyMssqlError(requestError('ETIMEOUT'))).toBe('timeout')
    expect(classifyMssqlError(requestError('ECANCEL'))).toBe('timeout')
    expect(classifyMssqlError(requestError('EREQUEST', 1222))).toBe('timeout')
    expect(classifyMssqlError(requestError('EREQUEST', 1205))).toBe('timeout')
    expect(classifyMssqlError(requestError('EREQUEST', 208))).toBe('query')
    expect(classifyMssqlError(requestError('ECLOSE'))).toBe('unreachable')
    expect(classifyMssqlError(new Error('boom'))).toBe('query')
    expect(classifyMssqlError('boom')).toBe('query')
    expect(classifyMssqlError(undefined)).toBe('query')
  })

  it('walks cause chains, AggregateErrors and arrays', () => {
    const socket = new tedious.ConnectionError('Connection lost', 'ESOCKET')
    expect(classifyMssqlError(new Error('wrapped', { cause: new Error('again', { cause: socket }) }))).toBe(
      'unreachable',
    )
    expect(
      classifyMssqlError(
        new AggregateError([requestError('EREQUEST', 3621), requestError('EREQUEST', 1222)]),
      ),
    ).toBe('timeout')
    expect(classifyMssqlError([requestError('EREQUEST', 3621), requestError('EREQUEST', 1222)])).toBe(
      'timeout',
    )
    const loop: { cause?: unknown } = new Error('loop')
    loop.cause = loop
    expect(classifyMssqlError(loop)).toBe('query')
  })

  it('reports a closed port as unreachable', async () => {
    // Port 1 on the loopback interface: nothing listens, so the connection is refused at once.
    const session = mssqlEngine.open({ ...base, host: '127.0.0.1', port: 1, encrypt: false })
    try {
      const error = await session.readOnly(['SELECT 1 AS one']).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeDefined()
      expect(mssqlEngine.classify(error)).toBe('unreachable')
    } finally {
      await session.close()
    }
  })
})

describe('mssqlSql late changes', () => {
  it('leaves out listed keys with NOT EXISTS over OPENJSON of one parameter, shown as a count', () => {
    const compiled = compile([
      'SELECT COUNT_BIG(*) AS n FROM [dbo].[Vardkontakt] AS d WHERE ',
      ...d.excludeKeys(
        [
          { expr: 'd.[Enhetskod]', family: 'text' },
          { expr: 'd.[VardkontaktID]', family: 'integer' },
        ],
        { param: '[{"k0":"U1","k1":"7"}]', display: '<1 late-change keys>' },
      ),
    ])
    expect(compiled.sql).toBe(
      'SELECT COUNT_BIG(*) AS n FROM [dbo].[Vardkontakt] AS d WHERE NOT EXISTS (SELECT 1 FROM OPENJSON(@1) ' +
        "WITH (k0 nvarchar(4000) '$.k0', k1 nvarchar(4000) '$.k1') AS late " +
        'WHERE (CAST(d.[Enhetskod] AS nvarchar(max)) COLLATE Latin1_General_100_BIN2) = ' +
        '(CAST(late.k0 AS nvarchar(max)) COLLATE Latin1_General_100_BIN2) AND d.[VardkontaktID] = CAST(late.k1 AS bigint))',
    )
    expect(compiled.parameters).toEqual(['<1 late-change keys>'])
  })

  it('reads a system-versioned table as of the cutoff in UTC, the time a bound parameter', () => {
    const compiled = compile([
      'SELECT COUNT_BIG(*) AS n FROM ',
      ...(d.tableAsOf?.('dbo', 'Vardkontakt', 'd', { param: '2026-11-23T02:10:00' }) ?? []),
    ])
    expect(compiled.sql).toBe(
      'SELECT COUNT_BIG(*) AS n FROM [dbo].[Vardkontakt] FOR SYSTEM_TIME AS OF CAST(@1 AS datetime2(7)) AS d',
    )
    expect(compiled.parameters).toEqual(['2026-11-23T02:10:00'])
  })
})

describe('mssqlSql integerBucket', () => {
  it('buckets an integer key in bigint arithmetic, no MD5, with the modulus cast to bigint', () => {
    expect(d.integerBucket(['[id]'], 1n << 31n)).toBe(
      '((((COALESCE(CAST([id] AS bigint), 0) % 2147483647) + 2147483647) % 2147483647 * 48271) % 2147483647 % CAST(2147483648 AS bigint))',
    )
    expect(d.integerBucket(['[id]'], 1024n)).not.toContain('HASHBYTES')
  })

  it('folds a key of two integer columns in key order', () => {
    expect(d.integerBucket(['[visit]', '[line]'], 1024n)).toBe(
      '(((((((COALESCE(CAST([visit] AS bigint), 0) % 2147483647) + 2147483647) % 2147483647 * 48271) % 2147483647) + (((COALESCE(CAST([line] AS bigint), 0) % 2147483647) + 2147483647) % 2147483647)) * 48271) % 2147483647 % CAST(1024 AS bigint))',
    )
  })
})
