import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { captureIo } from '../support/capture-io.js'
import { readmeLeastPrivilegeScript } from '../support/readme.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const engines = availableEngines()
const postgres = engines.find((e) => e.name === 'postgres')
const pglite = engines.find((e) => e.name === 'pglite')
if (postgres === undefined) {
  console.warn(
    'SKIPPED: validate --connect privilege warnings on PostgreSQL (set TEST_POSTGRES_URL to run them)',
  )
}

const definition = (id: string, connection: string) => `id: ${id}
title: ${id}
description: privilege test
owner: tests
severity: low
source: { connection: ${connection}, table: cosmic.visit }
target: { connection: ${connection}, table: cosmic.diagnosis }
columns:
  - { name: id, source: id, target: id }
assertions:
  - kind: row_count
`

async function run(config: string, ...args: string[]) {
  const io = captureIo()
  const code = await main([...args, '--config', config], io)
  return { code, out: io.stdout(), err: io.stderr() }
}

const warnings = (out: string) => out.split('\n').filter((line) => line.includes('WARNING'))

describe.skipIf(postgres === undefined)('validate --connect: privileges of a PostgreSQL login', () => {
  // Roles are server-wide: a name of its own, so that runs never collide; the script is otherwise verbatim.
  const role = `reconcile_reader_${randomBytes(4).toString('hex')}`
  const passwordVariable = 'RECONCILE_TEST_READER_PASSWORD'
  let dir: TempDir
  let db: TestDatabase
  let config: string

  const admin = (sqlText: string) => db.exec(sqlText)
  const validate = () => run(config, 'validate', '--connect')

  beforeAll(async () => {
    if (postgres === undefined) return
    dir = await tempDir()
    db = await postgres.createDatabase('cosmic')
    await admin(
      'CREATE SCHEMA cosmic; CREATE TABLE cosmic.visit (id int); CREATE TABLE cosmic.diagnosis (id int); INSERT INTO cosmic.visit VALUES (1); INSERT INTO cosmic.diagnosis VALUES (1);',
    )
    await admin((await readmeLeastPrivilegeScript('PostgreSQL')).replaceAll('reconcile_reader', role))
    // The README sets the password with psql's \password; here the test gives it one the same way a DBA would.
    const password = randomBytes(12).toString('hex')
    process.env[passwordVariable] = password
    await admin(`ALTER ROLE ${role} PASSWORD '${password}'`)
    const url = new URL(db.location)
    url.username = role
    url.password = ''
    config = await dir.write(
      'config/reconcile.yaml',
      `installation: privilege test
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
mail: { from: reconcile@region.example, eml_dir: ../mail, recipients: { alerts: [ops@region.example] } }
connections:
  cosmic:
    dialect: postgres
    url: ${url.href}
    password: \${${passwordVariable}}
    retry: { attempts: 1 }
`,
    )
    await dir.write('checks/visits.yaml', definition('visits', 'cosmic'))
  })

  afterAll(async () => {
    await db?.cleanup()
    if (postgres !== undefined && process.env.TEST_POSTGRES_URL) {
      const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL })
      await client.connect()
      try {
        await client.query(`DROP ROLE IF EXISTS ${role}`)
      } finally {
        await client.end()
      }
    }
    delete process.env[passwordVariable]
    await dir?.remove()
  })

  it("passes the README's least-privilege login without a warning", async () => {
    const { code, out } = await validate()
    expect(out).toMatch(/OK\s+visits/)
    expect(warnings(out)).toEqual([])
    expect(out).toContain(`OK       cosmic: login ${role} can only read (2 checked tables)`)
    expect(code).toBe(0)
  })

  it('the login really is read-only: its role setting refuses a write', async () => {
    const url = new URL(db.location)
    url.username = role
    url.password = process.env[passwordVariable] ?? ''
    const client = new pg.Client({ connectionString: url.href })
    await client.connect()
    try {
      await expect(client.query('CREATE TABLE cosmic.x (id int)')).rejects.toThrow(/read-only transaction/)
      await expect(client.query('SELECT count(*)::int AS n FROM cosmic.visit')).resolves.toMatchObject({
        rows: [{ n: 1 }],
      })
    } finally {
      await client.end()
    }
  })

  it('names a granted INSERT and the REVOKE that removes it; a warning alone exits 0', async () => {
    await admin(`GRANT INSERT ON cosmic.visit TO ${role}`)
    try {
      const { code, out } = await validate()
      expect(warnings(out)).toEqual([
        `  WARNING  cosmic: login ${role} has INSERT on cosmic.visit, more than reading; fix: REVOKE INSERT ON cosmic.visit FROM ${role}`,
      ])
      expect(code).toBe(0)
    } finally {
      await admin(`REVOKE INSERT ON cosmic.visit FROM ${role}`)
    }
  })

  it('revokes a grant to PUBLIC from PUBLIC, and CREATE on a schema', async () => {
    await admin(
      `GRANT UPDATE, TRUNCATE ON cosmic.diagnosis TO PUBLIC; GRANT CREATE ON SCHEMA cosmic TO ${role}`,
    )
    try {
      const lines = warnings((await validate()).out)
      expect(lines).toHaveLength(3)
      expect(lines).toContainEqual(
        `  WARNING  cosmic: login ${role} has CREATE on schema cosmic, more than reading; fix: REVOKE CREATE ON SCHEMA cosmic FROM ${role}`,
      )
      expect(lines).toContainEqual(
        `  WARNING  cosmic: login ${role} has UPDATE on cosmic.diagnosis, more than reading; fix: REVOKE UPDATE ON cosmic.diagnosis FROM PUBLIC`,
      )
      expect(lines).toContainEqual(
        `  WARNING  cosmic: login ${role} has TRUNCATE on cosmic.diagnosis, more than reading; fix: REVOKE TRUNCATE ON cosmic.diagnosis FROM PUBLIC`,
      )
    } finally {
      await admin(
        `REVOKE UPDATE, TRUNCATE ON cosmic.diagnosis FROM PUBLIC; REVOKE CREATE ON SCHEMA cosmic FROM ${role}`,
      )
    }
  })

  it('names a superuser once, not every table', async () => {
    await admin(`ALTER ROLE ${role} SUPERUSER`)
    try {
      const { code, out } = await validate()
      expect(warnings(out)).toEqual([
        `  WARNING  cosmic: login ${role} has superuser, more than reading; fix: ALTER ROLE ${role} NOSUPERUSER`,
      ])
      expect(code).toBe(0)
    } finally {
      await admin(`ALTER ROLE ${role} NOSUPERUSER`)
    }
  })

  it('names membership of pg_write_all_data and not the table writes it implies', async () => {
    await admin(`GRANT pg_write_all_data TO ${role}`)
    try {
      expect(warnings((await validate()).out)).toEqual([
        `  WARNING  cosmic: login ${role} has member of pg_write_all_data (writes every table), more than reading; fix: REVOKE pg_write_all_data FROM ${role}`,
      ])
    } finally {
      await admin(`REVOKE pg_write_all_data FROM ${role}`)
    }
  })

  it('names ownership of a checked table', async () => {
    await admin(`ALTER TABLE cosmic.visit OWNER TO ${role}`)
    try {
      expect(warnings((await validate()).out)).toEqual([
        `  WARNING  cosmic: login ${role} has owner of table cosmic.visit, more than reading; fix: ALTER TABLE cosmic.visit OWNER TO <an administrator role>`,
      ])
    } finally {
      await admin('ALTER TABLE cosmic.visit OWNER TO CURRENT_USER')
    }
  })
})

describe.skipIf(pglite === undefined)('validate --connect: privileges on embedded PGlite', () => {
  let dir: TempDir
  let db: TestDatabase

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    db = await pglite.createDatabase('demo')
    await db.exec(
      'CREATE SCHEMA cosmic; CREATE TABLE cosmic.visit (id int); CREATE TABLE cosmic.diagnosis (id int);',
    )
  })
  afterAll(async () => {
    await db?.cleanup()
    await dir?.remove()
  })

  it('prints a NOTE that privileges do not apply, and no warning', async () => {
    const config = await dir.write(
      'config/reconcile.yaml',
      `installation: pglite privileges
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
mail: { from: reconcile@region.example, eml_dir: ../mail, recipients: { alerts: [ops@region.example] } }
connections:
  demo: { dialect: pglite, path: ${db.location} }
`,
    )
    await dir.write('checks/visits.yaml', definition('visits', 'demo'))
    const { code, out } = await run(config, 'validate', '--connect')
    expect(out).toContain(
      `NOTE     demo: PGlite ${db.location} is embedded; logins and privileges do not apply`,
    )
    expect(warnings(out)).toEqual([])
    expect(code).toBe(0)
  })
})
