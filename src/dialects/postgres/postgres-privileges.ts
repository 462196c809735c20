import type {
  ExcessPrivilege,
  LoginPrivileges,
  PrivilegeCheck,
  PrivilegeRow,
  Statement,
  TableName,
} from '../dialect.js'

/** Table privileges that change a table's rows or act on it: the login should hold none of them. */
const TABLE_PRIVILEGES = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER'] as const

/** Predefined roles whose members may write every table. */
const WRITER_ROLES = ['pg_write_all_data'] as const

/** Table privileges `pg_write_all_data` gives on every table. */
const WRITE_ALL_DATA = new Set(['INSERT', 'UPDATE', 'DELETE'])

/**
 * The direct grantees of `privilege` in the ACL `acl` that the login is, belongs to, or PUBLIC: the grants a REVOKE
 * must remove. Quoted, sorted, comma-separated; NULL when none (the privilege then comes from ownership or a
 * predefined role).
 */
function holders(acl: string, privilege: string): string {
  return `(SELECT string_agg(h.name, ', ' ORDER BY h.name) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END AS name FROM pg_catalog.aclexplode(${acl}) AS a WHERE a.privilege_type = ${privilege} AND (a.grantee = 0 OR pg_catalog.pg_has_role(a.grantee, 'MEMBER'))) AS h)`
}

/** The checked tables as a VALUES list of bound parameters, resolved to catalog rows (missing tables drop out). */
function checkedTables(tables: readonly TableName[]): Statement {
  if (tables.length === 0) {
    return [
      'SELECT NULL::oid AS oid, NULL::oid AS relowner, NULL::aclitem[] AS relacl, NULL::text AS object WHERE false',
    ]
  }
  const values: Statement = tables.flatMap((t, i): Statement => [
    i === 0 ? '(' : ', (',
    { param: t.schema },
    '::text, ',
    { param: t.name },
    '::text)',
  ])
  return [
    "SELECT c.oid, c.relowner, c.relacl, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS object FROM (VALUES ",
    ...values,
    ') AS t(schema_name, table_name) JOIN pg_catalog.pg_namespace AS n ON n.nspname = t.schema_name JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = t.table_name',
  ]
}

const list = (names: readonly string[]) => names.map((n) => `('${n}')`).join(', ')

/**
 * The PostgreSQL privilege statement. Rows (kind: meaning):
 * - `login`: always one row, naming the login;
 * - `superuser`: the login is, or may SET ROLE to, a superuser (`object` the superuser role);
 * - `createrole`: the login may create roles and grant itself their rights;
 * - `member`: member of a predefined writer role (`pg_write_all_data`);
 * - `database_owner`, `database_create`: owns the database, or may create schemas in it;
 * - `schema_owner`, `schema_create`: owns a schema, or may create objects in it (every schema but the system's);
 * - `table_owner`: owns a checked table (may change or drop it);
 * - `table`: holds `privilege` (INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER) on a checked table it does not own.
 * Ownership counts through membership of the owning role, which is what PostgreSQL lets ALTER and DROP do.
 */
export function postgresPrivilegeStatement(tables: readonly TableName[]): Statement {
  const me =
    'SELECT current_user::text AS login, quote_ident(current_user) AS login_ident, quote_ident(current_user) AS user_ident'
  return [
    `WITH me AS (${me}), checked AS (`,
    ...checkedTables(tables),
    `), priv(name) AS (VALUES ${list(TABLE_PRIVILEGES)})
SELECT me.*, 'login' AS kind, NULL::text AS privilege, NULL::text AS object, NULL::text AS holders FROM me
UNION ALL SELECT me.*, 'superuser', NULL, quote_ident(g.rolname), NULL FROM me, pg_catalog.pg_roles AS g WHERE g.rolsuper AND pg_catalog.pg_has_role(g.oid, 'MEMBER')
UNION ALL SELECT me.*, 'createrole', NULL, NULL, NULL FROM me, pg_catalog.pg_roles AS r WHERE r.rolname = current_user AND r.rolcreaterole
UNION ALL SELECT me.*, 'member', NULL, quote_ident(g.rolname), NULL FROM me, pg_catalog.pg_roles AS g WHERE g.rolname IN (${list(WRITER_ROLES)}) AND pg_catalog.pg_has_role(g.oid, 'MEMBER')
UNION ALL SELECT me.*, 'database_owner', NULL, quote_ident(d.datname), NULL FROM me, pg_catalog.pg_database AS d WHERE d.datname = current_database() AND pg_catalog.pg_has_role(d.datdba, 'MEMBER')
UNION ALL SELECT me.*, 'database_create', 'CREATE', quote_ident(d.datname), ${holders('d.datacl', "'CREATE'")} FROM me, pg_catalog.pg_database AS d WHERE d.datname = current_database() AND NOT pg_catalog.pg_has_role(d.datdba, 'MEMBER') AND has_database_privilege(d.oid, 'CREATE')
UNION ALL SELECT me.*, 'schema_owner', NULL, quote_ident(n.nspname), NULL FROM me, pg_catalog.pg_namespace AS n WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND pg_catalog.pg_has_role(n.nspowner, 'MEMBER')
UNION ALL SELECT me.*, 'schema_create', 'CREATE', quote_ident(n.nspname), ${holders('n.nspacl', "'CREATE'")} FROM me, pg_catalog.pg_namespace AS n WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND NOT pg_catalog.pg_has_role(n.nspowner, 'MEMBER') AND has_schema_privilege(n.oid, 'CREATE')
UNION ALL SELECT me.*, 'table_owner', NULL, c.object, NULL FROM me, checked AS c WHERE pg_catalog.pg_has_role(c.relowner, 'MEMBER')
UNION ALL SELECT me.*, 'table', p.name, c.object, ${holders('c.relacl', 'p.name')} FROM me, checked AS c, priv AS p WHERE NOT pg_catalog.pg_has_role(c.relowner, 'MEMBER') AND has_table_privilege(c.oid, p.name)
ORDER BY 4, 6, 5`,
  ]
}

/** The REVOKE for a grant: from its direct holders, else from the login. */
function revoke(what: string, on: string, row: PrivilegeRow): string {
  return `REVOKE ${what} ON ${on} FROM ${row.holders ?? row.user_ident}`
}

function excessOf(row: PrivilegeRow): ExcessPrivilege | undefined {
  const object = row.object ?? ''
  const self = object === row.login_ident
  switch (row.kind) {
    case 'superuser':
      return self
        ? { privilege: 'superuser', fix: `ALTER ROLE ${row.login_ident} NOSUPERUSER` }
        : { privilege: `member of superuser role ${object}`, fix: `REVOKE ${object} FROM ${row.login_ident}` }
    case 'createrole':
      return { privilege: 'CREATEROLE', fix: `ALTER ROLE ${row.login_ident} NOCREATEROLE` }
    case 'member':
      return {
        privilege: `member of ${object} (writes every table)`,
        fix: `REVOKE ${object} FROM ${row.login_ident}`,
      }
    case 'database_owner':
      return {
        privilege: `owner of database ${object}`,
        fix: `ALTER DATABASE ${object} OWNER TO <an administrator role>`,
      }
    case 'database_create':
      return { privilege: `CREATE on database ${object}`, fix: revoke('CREATE', `DATABASE ${object}`, row) }
    case 'schema_owner':
      return {
        privilege: `owner of schema ${object}`,
        fix: `ALTER SCHEMA ${object} OWNER TO <an administrator role>`,
      }
    case 'schema_create':
      return { privilege: `CREATE on schema ${object}`, fix: revoke('CREATE', `SCHEMA ${object}`, row) }
    case 'table_owner':
      return {
        privilege: `owner of table ${object}`,
        fix: `ALTER TABLE ${object} OWNER TO <an administrator role>`,
      }
    case 'table': {
      const privilege = row.privilege ?? ''
      return { privilege: `${privilege} on ${object}`, fix: revoke(privilege, object, row) }
    }
    default:
      return undefined
  }
}

/**
 * Reads the rows into what must be removed. A superuser can do everything, so only that is reported; a member of
 * `pg_write_all_data` is not told again about each INSERT, UPDATE and DELETE that no grant of its own gives.
 */
function readPostgresPrivileges(rows: readonly PrivilegeRow[]): LoginPrivileges {
  const login = rows[0]?.login ?? ''
  const superuser = rows.filter((r) => r.kind === 'superuser')
  const selfSuper = superuser.filter((r) => r.object === r.login_ident)
  if (superuser.length > 0) {
    return { login, excess: (selfSuper.length > 0 ? selfSuper : superuser).flatMap((r) => excessOf(r) ?? []) }
  }
  const writesAll = rows.some((r) => r.kind === 'member')
  const excess = rows
    .filter(
      (r) =>
        !(writesAll && r.kind === 'table' && r.holders === null && WRITE_ALL_DATA.has(r.privilege ?? '')),
    )
    .flatMap((r) => excessOf(r) ?? [])
  return { login, excess }
}

/** PostgreSQL's privilege check (docs: has_table_privilege, has_schema_privilege, has_database_privilege). */
export const postgresPrivileges: PrivilegeCheck = {
  statement: postgresPrivilegeStatement,
  read: readPostgresPrivileges,
}
