import type {
  ExcessPrivilege,
  LoginPrivileges,
  PrivilegeCheck,
  PrivilegeRow,
  Statement,
  TableName,
} from '../dialect.js'

/** Object permissions that change a table or its rows (ALTER also allows TRUNCATE TABLE and DROP). */
const TABLE_PERMISSIONS = ['INSERT', 'UPDATE', 'DELETE', 'ALTER'] as const

/** Fixed database roles that give more than reading. */
const ROLES = ['db_owner', 'db_datawriter', 'db_ddladmin'] as const

/** What a fixed role implies, so that the findings it explains are not repeated per table. */
const IMPLIED_BY_ROLE: Readonly<Record<string, ReadonlySet<string>>> = {
  '[db_datawriter]': new Set(['table:INSERT', 'table:UPDATE', 'table:DELETE']),
  '[db_ddladmin]': new Set(['table:ALTER', 'database:CREATE TABLE']),
}

const TABLE = "QUOTENAME(t.schema_name) + N'.' + QUOTENAME(t.table_name)"

/** The checked tables as a VALUES list of bound parameters. */
function checkedTables(tables: readonly TableName[]): Statement {
  return tables.flatMap((t, i): Statement => [
    i === 0 ? '(' : ', (',
    { param: t.schema },
    ', ',
    { param: t.name },
    ')',
  ])
}

const list = (names: readonly string[]) => names.map((n) => `(N'${n}')`).join(', ')

/**
 * The SQL Server privilege statement, in the current database, for the current login and its database user. Rows
 * (kind: meaning):
 * - `login`: always one row, naming the login;
 * - `sysadmin`: member of the sysadmin server role (IS_SRVROLEMEMBER);
 * - `dbo`: the login is the database's owner (enters as `dbo`; a sysadmin does too, and is reported as that);
 * - `role`: member of db_owner, db_datawriter or db_ddladmin (IS_ROLEMEMBER, through Windows groups too);
 * - `database`: the permission CREATE TABLE in the database (HAS_PERMS_BY_NAME, NULL meaning this database);
 * - `table`: INSERT, UPDATE, DELETE or ALTER on a checked table (HAS_PERMS_BY_NAME on `[schema].[table]`, which
 *   counts grants to the user, its roles and groups, and higher permissions such as CONTROL on the schema; a table
 *   that does not exist gives NULL and no row).
 */
export function mssqlPrivilegeStatement(tables: readonly TableName[]): Statement {
  const me =
    'SELECT CAST(SUSER_SNAME() AS nvarchar(128)) AS login, QUOTENAME(SUSER_SNAME()) AS login_ident, QUOTENAME(USER_NAME()) AS user_ident'
  const row = (kind: string) => `me.login, me.login_ident, me.user_ident, CAST(N'${kind}' AS nvarchar(20))`
  const head: Statement = [
    `WITH me AS (${me})
SELECT ${row('login')} AS kind, CAST(NULL AS nvarchar(128)) AS privilege, CAST(NULL AS nvarchar(300)) AS object, CAST(NULL AS nvarchar(300)) AS holders FROM me
UNION ALL SELECT ${row('sysadmin')}, NULL, NULL, NULL FROM me WHERE IS_SRVROLEMEMBER(N'sysadmin') = 1
UNION ALL SELECT ${row('dbo')}, NULL, QUOTENAME(DB_NAME()), NULL FROM me WHERE USER_NAME() = N'dbo' AND COALESCE(IS_SRVROLEMEMBER(N'sysadmin'), 0) = 0
UNION ALL SELECT ${row('role')}, NULL, QUOTENAME(r.name), NULL FROM me CROSS JOIN (VALUES ${list(ROLES)}) AS r(name) WHERE IS_ROLEMEMBER(r.name) = 1
UNION ALL SELECT ${row('database')}, N'CREATE TABLE', QUOTENAME(DB_NAME()), NULL FROM me WHERE HAS_PERMS_BY_NAME(NULL, N'DATABASE', N'CREATE TABLE') = 1`,
  ]
  if (tables.length === 0) return head
  return [
    ...head,
    `\nUNION ALL SELECT ${row('table')}, p.name, ${TABLE}, NULL FROM me CROSS JOIN (VALUES `,
    ...checkedTables(tables),
    `) AS t(schema_name, table_name) CROSS JOIN (VALUES ${list(TABLE_PERMISSIONS)}) AS p(name) WHERE HAS_PERMS_BY_NAME(${TABLE}, N'OBJECT', p.name) = 1`,
  ]
}

function excessOf(row: PrivilegeRow): ExcessPrivilege | undefined {
  const object = row.object ?? ''
  switch (row.kind) {
    case 'sysadmin':
      return {
        privilege: 'member of the sysadmin server role',
        fix: `ALTER SERVER ROLE [sysadmin] DROP MEMBER ${row.login_ident}`,
      }
    case 'dbo':
      return {
        privilege: `owner of database ${object} (dbo)`,
        fix: `ALTER AUTHORIZATION ON DATABASE::${object} TO <another login>`,
      }
    case 'role':
      return { privilege: `member of ${object}`, fix: `ALTER ROLE ${object} DROP MEMBER ${row.user_ident}` }
    case 'database':
      return {
        privilege: `${row.privilege ?? ''} in database ${object}`,
        fix: `REVOKE ${row.privilege ?? ''} FROM ${row.user_ident}`,
      }
    case 'table':
      return {
        privilege: `${row.privilege ?? ''} on ${object}`,
        fix: `REVOKE ${row.privilege ?? ''} ON ${object} FROM ${row.user_ident}`,
      }
    default:
      return undefined
  }
}

/** Findings that each imply every other, broadest first: only the first one present is reported. */
const TOTAL: readonly ((row: PrivilegeRow) => boolean)[] = [
  (r) => r.kind === 'sysadmin',
  (r) => r.kind === 'dbo',
  (r) => r.kind === 'role' && r.object === '[db_owner]',
]

/**
 * Reads the rows into what must be removed: sysadmin, the database owner and db_owner can do everything in the
 * database, so only the broadest of them is reported; db_datawriter and db_ddladmin stand for the per-table and
 * database findings they imply.
 */
function readMssqlPrivileges(rows: readonly PrivilegeRow[]): LoginPrivileges {
  const login = rows[0]?.login ?? ''
  for (const isTotal of TOTAL) {
    const total = rows.find(isTotal)
    if (total !== undefined) return { login, excess: [excessOf(total)].flatMap((e) => e ?? []) }
  }
  const implied = new Set(
    rows.filter((r) => r.kind === 'role').flatMap((r) => [...(IMPLIED_BY_ROLE[r.object ?? ''] ?? [])]),
  )
  const excess = rows
    .filter((r) => !implied.has(`${r.kind}:${r.privilege ?? ''}`))
    .flatMap((r) => excessOf(r) ?? [])
  return { login, excess }
}

/** SQL Server's privilege check (docs: HAS_PERMS_BY_NAME, IS_ROLEMEMBER, IS_SRVROLEMEMBER). */
export const mssqlPrivileges: PrivilegeCheck = {
  statement: mssqlPrivilegeStatement,
  read: readMssqlPrivileges,
}
