import { afterAll, describe, expect, it } from 'vitest'
import type { PrivilegeRow } from '../../src/dialects/dialect.js'
import { mssqlEngine } from '../../src/dialects/mssql/mssql-engine.js'
import { mssqlPrivileges, mssqlPrivilegeStatement } from '../../src/dialects/mssql/mssql-privileges.js'
import { mssqlCompiler } from '../support/mssql-compiler.js'
import { readmeLeastPrivilegeScript } from '../support/readme.js'

const compiler = mssqlCompiler()
afterAll(() => compiler.destroy())

const HEAD = [
  'WITH me AS (SELECT CAST(SUSER_SNAME() AS nvarchar(128)) AS login, QUOTENAME(SUSER_SNAME()) AS login_ident, QUOTENAME(USER_NAME()) AS user_ident)',
  "SELECT me.login, me.login_ident, me.user_ident, CAST(N'login' AS nvarchar(20)) AS kind, CAST(NULL AS nvarchar(128)) AS privilege, CAST(NULL AS nvarchar(300)) AS object, CAST(NULL AS nvarchar(300)) AS holders FROM me",
  "UNION ALL SELECT me.login, me.login_ident, me.user_ident, CAST(N'sysadmin' AS nvarchar(20)), NULL, NULL, NULL FROM me WHERE IS_SRVROLEMEMBER(N'sysadmin') = 1",
  "UNION ALL SELECT me.login, me.login_ident, me.user_ident, CAST(N'dbo' AS nvarchar(20)), NULL, QUOTENAME(DB_NAME()), NULL FROM me WHERE USER_NAME() = N'dbo' AND COALESCE(IS_SRVROLEMEMBER(N'sysadmin'), 0) = 0",
  "UNION ALL SELECT me.login, me.login_ident, me.user_ident, CAST(N'role' AS nvarchar(20)), NULL, QUOTENAME(r.name), NULL FROM me CROSS JOIN (VALUES (N'db_owner'), (N'db_datawriter'), (N'db_ddladmin')) AS r(name) WHERE IS_ROLEMEMBER(r.name) = 1",
  "UNION ALL SELECT me.login, me.login_ident, me.user_ident, CAST(N'database' AS nvarchar(20)), N'CREATE TABLE', QUOTENAME(DB_NAME()), NULL FROM me WHERE HAS_PERMS_BY_NAME(NULL, N'DATABASE', N'CREATE TABLE') = 1",
]

describe('mssql privilege statement', () => {
  it('is the SQL Server engine privilege check', () => {
    expect(mssqlEngine.privileges).toBe(mssqlPrivileges)
  })

  it('asks HAS_PERMS_BY_NAME about each checked table, whose names are bound parameters', () => {
    const compiled = compiler.compile(
      mssqlPrivilegeStatement([
        { schema: 'dbo', name: 'Vardkontakt' },
        { schema: "odd]'s", name: 'Diagnos' },
      ]),
    )
    expect(compiled.sql).toBe(
      [
        ...HEAD,
        "UNION ALL SELECT me.login, me.login_ident, me.user_ident, CAST(N'table' AS nvarchar(20)), p.name, QUOTENAME(t.schema_name) + N'.' + QUOTENAME(t.table_name), NULL FROM me CROSS JOIN (VALUES (@1, @2), (@3, @4)) AS t(schema_name, table_name) CROSS JOIN (VALUES (N'INSERT'), (N'UPDATE'), (N'DELETE'), (N'ALTER')) AS p(name) WHERE HAS_PERMS_BY_NAME(QUOTENAME(t.schema_name) + N'.' + QUOTENAME(t.table_name), N'OBJECT', p.name) = 1",
      ].join('\n'),
    )
    expect(compiled.parameters).toEqual(['dbo', 'Vardkontakt', "odd]'s", 'Diagnos'])
  })

  it('asks only the database-wide questions when no table is checked', () => {
    const compiled = compiler.compile(mssqlPrivilegeStatement([]))
    expect(compiled.sql).toBe(HEAD.join('\n'))
    expect(compiled.parameters).toEqual([])
  })
})

const me = { login: 'REGION\\svc', login_ident: '[REGION\\svc]', user_ident: '[svc]' }
const row = (kind: string, privilege: string | null = null, object: string | null = null): PrivilegeRow => ({
  ...me,
  kind,
  privilege,
  object,
  holders: null,
})

describe('mssql privilege rows', () => {
  const read = (rows: PrivilegeRow[]) => mssqlPrivileges.read(rows)

  it('a login row alone is a read-only login', () => {
    expect(read([row('login')])).toEqual({ login: 'REGION\\svc', excess: [] })
  })

  it('names each table permission with its REVOKE', () => {
    expect(
      read([row('login'), row('table', 'INSERT', '[dbo].[visit]'), row('table', 'ALTER', '[dbo].[visit]')]),
    ).toEqual({
      login: 'REGION\\svc',
      excess: [
        { privilege: 'INSERT on [dbo].[visit]', fix: 'REVOKE INSERT ON [dbo].[visit] FROM [svc]' },
        { privilege: 'ALTER on [dbo].[visit]', fix: 'REVOKE ALTER ON [dbo].[visit] FROM [svc]' },
      ],
    })
  })

  it('lets db_datawriter stand for the row writes it implies, not for ALTER', () => {
    const { excess } = read([
      row('login'),
      row('role', null, '[db_datawriter]'),
      row('table', 'INSERT', '[dbo].[visit]'),
      row('table', 'DELETE', '[dbo].[visit]'),
      row('table', 'ALTER', '[dbo].[visit]'),
      row('database', 'CREATE TABLE', '[Cosmic]'),
    ])
    expect(excess).toEqual([
      { privilege: 'member of [db_datawriter]', fix: 'ALTER ROLE [db_datawriter] DROP MEMBER [svc]' },
      { privilege: 'ALTER on [dbo].[visit]', fix: 'REVOKE ALTER ON [dbo].[visit] FROM [svc]' },
      { privilege: 'CREATE TABLE in database [Cosmic]', fix: 'REVOKE CREATE TABLE FROM [svc]' },
    ])
  })

  it('lets db_ddladmin stand for ALTER and CREATE TABLE', () => {
    const { excess } = read([
      row('login'),
      row('role', null, '[db_ddladmin]'),
      row('table', 'ALTER', '[dbo].[visit]'),
      row('database', 'CREATE TABLE', '[Cosmic]'),
    ])
    expect(excess).toEqual([
      { privilege: 'member of [db_ddladmin]', fix: 'ALTER ROLE [db_ddladmin] DROP MEMBER [svc]' },
    ])
  })

  it('reports only the broadest of sysadmin, database owner and db_owner', () => {
    const everything = [
      row('login'),
      row('role', null, '[db_owner]'),
      row('role', null, '[db_datawriter]'),
      row('table', 'INSERT', '[dbo].[visit]'),
      row('database', 'CREATE TABLE', '[Cosmic]'),
    ]
    expect(read([...everything, row('sysadmin'), row('dbo', null, '[Cosmic]')]).excess).toEqual([
      {
        privilege: 'member of the sysadmin server role',
        fix: 'ALTER SERVER ROLE [sysadmin] DROP MEMBER [REGION\\svc]',
      },
    ])
    expect(read([...everything, row('dbo', null, '[Cosmic]')]).excess).toEqual([
      {
        privilege: 'owner of database [Cosmic] (dbo)',
        fix: 'ALTER AUTHORIZATION ON DATABASE::[Cosmic] TO <another login>',
      },
    ])
    expect(read(everything).excess).toEqual([
      { privilege: 'member of [db_owner]', fix: 'ALTER ROLE [db_owner] DROP MEMBER [svc]' },
    ])
  })
})

describe("README's SQL Server least-privilege script", () => {
  it('grants SELECT and VIEW DEFINITION on tables and joins no role', async () => {
    const script = await readmeLeastPrivilegeScript('SQL Server')
    const statements = script
      .split('\n')
      .map((line) => line.replace(/--.*$/, '').trim())
      .filter((line) => line !== '')
    expect(statements.filter((s) => /^GRANT /i.test(s))).not.toEqual([])
    for (const grant of statements.filter((s) => /^GRANT /i.test(s))) {
      expect(grant).toMatch(/^GRANT SELECT, VIEW DEFINITION ON OBJECT::\w+\.\w+ TO reconcile_reader;$/)
    }
    expect(script).not.toMatch(/db_datareader|ALTER ROLE|sp_addrolemember/i)
  })
})
