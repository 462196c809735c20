import { randomBytes } from 'node:crypto'
import { Kysely, MssqlDialect, sql } from 'kysely'
import * as tarn from 'tarn'
import * as tedious from 'tedious'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MssqlConnectionConfig } from '../../src/config/types.js'
import { Connection } from '../../src/connections/connection.js'
import { checkPrivileges } from '../../src/connections/privileges.js'
import type { EngineSession, Statement, TypeFamily } from '../../src/dialects/dialect.js'
import { mssqlEngine, tediousConfig } from '../../src/dialects/mssql/mssql-engine.js'
import { mssqlSql as d } from '../../src/dialects/mssql/mssql-sql.js'
import { parseMssqlUrl } from '../support/mssql-url.js'
import { readmeLeastPrivilegeScript } from '../support/readme.js'

const url = process.env.TEST_MSSQL_URL
if (!url) {
  console.warn(
    'SKIPPED: SQL Server integration suite (set TEST_MSSQL_URL to run it; docker compose up -d mssql starts one)',
  )
}

/** One column of the fixture table: its SQL type, the literal stored in row 1, and the canonical text expected. */
interface Case {
  readonly column: string
  readonly type: string
  readonly family: TypeFamily
  readonly literal: string
  readonly canonical: string
}

const CASES: readonly Case[] = [
  { column: 'i_int', type: 'int', family: 'integer', literal: '-42', canonical: '-42' },
  {
    column: 'i_big',
    type: 'bigint',
    family: 'integer',
    literal: '9223372036854775807',
    canonical: '9223372036854775807',
  },
  { column: 'i_tiny', type: 'tinyint', family: 'integer', literal: '255', canonical: '255' },
  {
    column: 'n_dec',
    type: 'decimal(18,4)',
    family: 'decimal',
    literal: '-12345.6700',
    canonical: '-12345.6700000000',
  },
  {
    column: 'n_money',
    type: 'money',
    family: 'decimal',
    literal: '922337203685477.5807',
    canonical: '922337203685477.5807000000',
  },
  { column: 'n_float', type: 'float', family: 'float', literal: '0.1', canonical: '0.1000000000' },
  { column: 'd_date', type: 'date', family: 'date', literal: "'0001-01-01'", canonical: '0001-01-01' },
  {
    column: 't_dt2',
    type: 'datetime2(7)',
    family: 'timestamp',
    literal: "'2024-03-31T01:59:59.1234567'",
    canonical: '2024-03-31T01:59:59.1234567',
  },
  {
    column: 't_dt2_3',
    type: 'datetime2(3)',
    family: 'timestamp',
    literal: "'2024-10-27T02:30:00.5'",
    canonical: '2024-10-27T02:30:00.5000000',
  },
  // Style 126 leaves out a zero fraction.
  {
    column: 't_whole',
    type: 'datetime2(0)',
    family: 'timestamp',
    literal: "'9999-12-31T23:59:59'",
    canonical: '9999-12-31T23:59:59',
  },
  // datetime counts in 1/300 s; from compatibility level 130 its conversion to datetime2 shows the exact tick.
  {
    column: 't_legacy',
    type: 'datetime',
    family: 'timestamp',
    literal: "'2024-01-02T03:04:05.007'",
    canonical: '2024-01-02T03:04:05.0066667',
  },
  {
    column: 't_small',
    type: 'smalldatetime',
    family: 'timestamp',
    literal: "'2024-01-02T03:04:00'",
    canonical: '2024-01-02T03:04:00',
  },
  {
    column: 'z_offset',
    type: 'datetimeoffset(7)',
    family: 'timestamptz',
    literal: "'2024-03-31T02:30:00.25+02:00'",
    canonical: '2024-03-31T00:30:00.2500000Z',
  },
  {
    column: 'z_midnight',
    type: 'datetimeoffset(3)',
    family: 'timestamptz',
    literal: "'2024-01-01T00:30:00-05:00'",
    canonical: '2024-01-01T05:30:00Z',
  },
  { column: 'b_true', type: 'bit', family: 'boolean', literal: '1', canonical: '1' },
  { column: 'b_false', type: 'bit', family: 'boolean', literal: '0', canonical: '0' },
  {
    column: 'u_id',
    type: 'uniqueidentifier',
    family: 'uuid',
    literal: "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
    canonical: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  },
  { column: 'x_bin', type: 'varbinary(16)', family: 'binary', literal: '0x00FF10AB', canonical: '00ff10ab' },
  {
    column: 's_text',
    type: 'nvarchar(50)',
    family: 'text',
    literal: "N'Åsa ]; ''quoted'' 漢'",
    canonical: "Åsa ]; 'quoted' 漢",
  },
  { column: 's_char', type: 'char(5)', family: 'text', literal: "'ab'", canonical: 'ab   ' },
  { column: 'odd col]', type: 'int', family: 'integer', literal: '7', canonical: '7' },
]

describe.skipIf(!url)('SQL Server engine against a live server', () => {
  const schema = `reconcile_it_${process.pid}_${Date.now() % 100_000}`
  let config: MssqlConnectionConfig
  let admin: Kysely<unknown>
  let session: EngineSession

  const table = () => d.quoteTable(schema, 'values')

  beforeAll(async () => {
    config = parseMssqlUrl(url ?? '')
    // A separate, writable connection builds the fixture; the engine's session only reads it.
    admin = new Kysely<unknown>({
      dialect: new MssqlDialect({
        tarn: { ...tarn, options: { min: 0, max: 1, propagateCreateError: true } },
        tedious: { ...tedious, connectionFactory: () => new tedious.Connection(tediousConfig(config)) },
      }),
    })
    await sql.raw(`CREATE SCHEMA ${d.quoteIdent(schema)}`).execute(admin)
    const columns = CASES.map((c) => `${d.quoteIdent(c.column)} ${c.type} NULL`).join(', ')
    await sql.raw(`CREATE TABLE ${table()} (id int NOT NULL PRIMARY KEY, ${columns})`).execute(admin)
    const names = CASES.map((c) => d.quoteIdent(c.column)).join(', ')
    await sql
      .raw(`INSERT INTO ${table()} (id, ${names}) VALUES (1, ${CASES.map((c) => c.literal).join(', ')})`)
      .execute(admin)
    await sql.raw(`INSERT INTO ${table()} (id) VALUES (2)`).execute(admin)
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

  const canonicalRow = async (id: number) => {
    const selected = CASES.map((c, i) => `${d.canonicalText(d.quoteIdent(c.column), c.family)} AS [v${i}]`)
    const statement: Statement = [`SELECT ${selected.join(', ')} FROM ${table()} WHERE id = `, { param: id }]
    const { rows } = await session.readOnly<Record<string, string | null>>(statement)
    expect(rows).toHaveLength(1)
    return rows[0] ?? {}
  }

  it('gives the canonical text of every family', async () => {
    const row = await canonicalRow(1)
    expect(CASES.map((c, i) => [c.column, row[`v${i}`]])).toEqual(CASES.map((c) => [c.column, c.canonical]))
  })

  it('keeps NULL as NULL in every family', async () => {
    const row = await canonicalRow(2)
    expect(CASES.map((c, i) => [c.column, row[`v${i}`]])).toEqual(CASES.map((c) => [c.column, null]))
  })

  it('counts and sums exactly', async () => {
    const n = d.quoteIdent('n_money')
    const statement: Statement = [
      `SELECT ${d.countRows()} AS n, ${d.countValues(n)} AS v, ${d.countDistinct(n)} AS dv, ${d.sumAsText(n)} AS s FROM ${table()}`,
    ]
    const { rows, sql: sent } = await session.readOnly<{ n: unknown; v: unknown; dv: unknown; s: string }>(
      statement,
    )
    // COUNT_BIG is bigint, which tedious returns as a string.
    expect(rows).toEqual([{ n: '2', v: '1', dv: '1', s: '922337203685477.5807000000' }])
    expect(sent.startsWith('SET DEADLOCK_PRIORITY LOW;\nSET LOCK_TIMEOUT 60000;\n')).toBe(true)
  })

  it('compares against timestamp parameters', async () => {
    const statement: Statement = [
      `SELECT ${d.countRows()} AS n FROM ${table()} WHERE [t_dt2] <= `,
      ...d.timestampParam({ param: '2024-03-31T01:59:59.1234567' }, 'timestamp'),
      ' AND [z_offset] = ',
      ...d.timestampParam({ param: '2024-03-31T00:30:00.25Z' }, 'timestamptz'),
      ' AND [d_date] = ',
      ...d.timestampParam({ param: '0001-01-01' }, 'date'),
    ]
    const { rows } = await session.readOnly<{ n: unknown }>(statement)
    expect(rows).toEqual([{ n: '1' }])
  })

  it('describes a table', async () => {
    const { rows } = await session.readOnly<{ column_name: string; data_type: string }>(
      d.describeTable(schema, 'values'),
    )
    expect(rows.map((r) => [r.column_name, d.familyOf(r.data_type)])).toEqual([
      ['id', 'integer'],
      ...CASES.map((c) => [c.column, c.family]),
    ])
    expect(rows.find((r) => r.column_name === 't_dt2')?.data_type).toBe('datetime2')
  })

  it('describes nothing for a missing table', async () => {
    const { rows } = await session.readOnly(d.describeTable(schema, 'missing'))
    expect(rows).toEqual([])
  })

  it('describes a query without running it', async () => {
    const query = `SELECT id, [t_dt2], [z_offset], [odd col]]] FROM ${table()} WHERE [s_text] <> N'it''s';`
    const { rows } = await session.readOnly<{
      column_name: string
      data_type: string
      error_message: string | null
    }>(d.describeQuery(query, ['t_dt2', 'z_offset', 'odd col]']))
    expect(rows).toEqual([
      { column_name: 't_dt2', data_type: 'datetime2(7)', error_message: null },
      { column_name: 'z_offset', data_type: 'datetimeoffset(7)', error_message: null },
      { column_name: 'odd col]', data_type: 'int', error_message: null },
    ])
    expect(rows.map((r) => d.familyOf(r.data_type))).toEqual(['timestamp', 'timestamptz', 'integer'])
  })

  it('reports why a query cannot be described', async () => {
    const { rows } = await session.readOnly<{ column_name: string | null; error_message: string | null }>(
      d.describeQuery(`SELECT id FROM ${table()}`, ['no_such_column']),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.column_name).toBeNull()
    expect(rows[0]?.error_message).toMatch(/no_such_column/)
  })

  it('runs under snapshot isolation when configured', async () => {
    await sql.raw('ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON').execute(admin)
    const snapshot = mssqlEngine.open({ ...config, isolation: 'snapshot' })
    try {
      const { rows } = await snapshot.readOnly<{ level: number }>([
        'SELECT transaction_isolation_level AS level FROM sys.dm_exec_sessions WHERE session_id = @@SPID',
      ])
      // 5 is SNAPSHOT in sys.dm_exec_sessions.
      expect(rows).toEqual([{ level: 5 }])
    } finally {
      await snapshot.close()
    }
  })

  it('classifies a statement that outlives the timeout', async () => {
    const impatient = mssqlEngine.open({ ...config, statementTimeoutMs: 1000 })
    try {
      const started = Date.now()
      const error = await impatient.readOnly(["WAITFOR DELAY '00:00:05'"]).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeDefined()
      expect(mssqlEngine.classify(error)).toBe('timeout')
      expect(Date.now() - started).toBeLessThan(4500)
      // The connection is still usable after the cancel.
      const { rows } = await impatient.readOnly<{ one: number }>(['SELECT 1 AS one'])
      expect(rows).toEqual([{ one: 1 }])
    } finally {
      await impatient.close()
    }
  })

  it('classifies a wrong password', async () => {
    const wrong = mssqlEngine.open({ ...config, password: `${config.password ?? ''}-wrong` })
    try {
      const error = await wrong.readOnly(['SELECT 1 AS one']).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(mssqlEngine.classify(error)).toBe('auth')
    } finally {
      await wrong.close()
    }
  })
})

describe.skipIf(!url)("SQL Server privileges of the README's least-privilege login", () => {
  const suffix = randomBytes(4).toString('hex')
  const database = `reconcile_priv_${suffix}`
  const login = `reconcile_reader_${suffix}`
  const password = `Aa1!${randomBytes(12).toString('hex')}`
  const tables = [
    { schema: 'dbo', name: 'visit' },
    { schema: 'dbo', name: 'diagnosis' },
  ]
  let admin: Kysely<unknown>
  let reader: Connection

  const asAdmin = (text: string) => sql.raw(`USE ${d.quoteIdent(database)};\n${text}`).execute(admin)
  const excess = async () => {
    const outcome = await checkPrivileges(reader, tables)
    if (outcome.status !== 'checked') throw new Error(`privileges not read: ${JSON.stringify(outcome)}`)
    expect(outcome.privileges.login).toBe(login)
    return outcome.privileges.excess
  }

  beforeAll(async () => {
    const config = parseMssqlUrl(url ?? '')
    admin = new Kysely<unknown>({
      dialect: new MssqlDialect({
        tarn: { ...tarn, options: { min: 0, max: 1, propagateCreateError: true } },
        tedious: { ...tedious, connectionFactory: () => new tedious.Connection(tediousConfig(config)) },
      }),
    })
    await sql.raw(`CREATE DATABASE ${d.quoteIdent(database)}`).execute(admin)
    await asAdmin('CREATE TABLE dbo.visit (id int); CREATE TABLE dbo.diagnosis (id int);')
    const script = (await readmeLeastPrivilegeScript('SQL Server'))
      .replaceAll('reconcile_reader', login)
      .replaceAll('<a long random password>', password)
      .replaceAll('USE Cosmic;', `USE ${d.quoteIdent(database)};`)
    await sql.raw(script).execute(admin)
    reader = new Connection({ ...config, name: 'reader', database, user: login, password })
  })

  afterAll(async () => {
    await reader?.close()
    if (admin !== undefined) {
      await sql
        .raw(
          `USE master; ALTER DATABASE ${d.quoteIdent(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${d.quoteIdent(database)}; DROP LOGIN ${d.quoteIdent(login)};`,
        )
        .execute(admin)
      await admin.destroy()
    }
  })

  it('finds nothing beyond reading, and the login can read the tables', async () => {
    expect(await excess()).toEqual([])
    const { rows } = await reader.query<{ n: unknown }>(['SELECT COUNT_BIG(*) AS n FROM [dbo].[visit]'])
    expect(rows).toEqual([{ n: '0' }])
  })

  it('names a granted INSERT and the REVOKE that removes it', async () => {
    await asAdmin(`GRANT INSERT ON dbo.visit TO ${d.quoteIdent(login)}`)
    try {
      expect(await excess()).toEqual([
        {
          privilege: 'INSERT on [dbo].[visit]',
          fix: `REVOKE INSERT ON [dbo].[visit] FROM ${d.quoteIdent(login)}`,
        },
      ])
    } finally {
      await asAdmin(`REVOKE INSERT ON dbo.visit FROM ${d.quoteIdent(login)}`)
    }
  })

  it('names db_datawriter membership instead of each table it can write', async () => {
    await asAdmin(`ALTER ROLE db_datawriter ADD MEMBER ${d.quoteIdent(login)}`)
    try {
      expect(await excess()).toEqual([
        {
          privilege: 'member of [db_datawriter]',
          fix: `ALTER ROLE [db_datawriter] DROP MEMBER ${d.quoteIdent(login)}`,
        },
      ])
    } finally {
      await asAdmin(`ALTER ROLE db_datawriter DROP MEMBER ${d.quoteIdent(login)}`)
    }
  })
})
