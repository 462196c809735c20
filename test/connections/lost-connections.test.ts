import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionConfig } from '../../src/config/types.js'
import { Connection } from '../../src/connections/connection.js'
import { executeRun } from '../../src/runner/run.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const postgres = availableEngines().find((e) => e.name === 'postgres')
if (postgres === undefined) console.warn('SKIPPED lost-connections tests: TEST_POSTGRES_URL is not set')

const CHECK = (id: string, table: string) => `id: ${id}
title: ${id}
description: lost connection test
owner: tests
severity: low
source: { connection: src, table: ${table} }
target: { connection: dw, table: public.t }
columns: [id]
assertions:
  - kind: row_count
  - kind: aggregate
    column: id
    functions: [sum, max]
`

/** Terminates, from a connection of its own, every backend of the tool that is running a query on `marker`. */
async function terminateWhenRunning(url: string, marker: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (let i = 0; i < 400; i++) {
      const { rows } = await client.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE application_name = 'cosmic-reconcile' AND state = 'active' AND query LIKE $1`,
        [`%${marker}%`],
      )
      if (rows.length > 0) return rows.length
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`no query on ${marker} was seen running`)
  } finally {
    await client.end()
  }
}

/** Rewrites the server's pg_hba.conf (as the server's own user, through COPY) and reloads it. */
async function writeHba(admin: pg.Client, file: string, lines: readonly string[]): Promise<void> {
  const values = lines.map((l) => admin.escapeLiteral(l.replace(/\t/g, ' '))).join(', ')
  await admin.query(`COPY (SELECT unnest(ARRAY[${values}]::text[])) TO ${admin.escapeLiteral(file)}`)
  await admin.query('SELECT pg_reload_conf()')
}

describe.skipIf(postgres === undefined)('connections lost mid-query on PostgreSQL', () => {
  let dir: TempDir
  let source: TestDatabase
  let target: TestDatabase
  beforeAll(async () => {
    if (postgres === undefined) return
    dir = await tempDir()
    source = await postgres.createDatabase('src')
    target = await postgres.createDatabase('dw')
    // A view slowed by pg_sleep, so that the scan is still running when its backend is terminated.
    await source.exec(`CREATE TABLE t (id integer); INSERT INTO t SELECT generate_series(1, 50);
      CREATE VIEW slow_t AS SELECT t.id FROM t, pg_sleep(2) AS s;`)
    await target.exec('CREATE TABLE t (id integer); INSERT INTO t SELECT generate_series(1, 50);')
  })
  afterAll(async () => {
    await source?.cleanup()
    await target?.cleanup()
    await dir?.remove()
  })

  it('a terminated backend becomes one error result for that check; the run goes on and nothing crashes', async () => {
    await dir.write('killed/a.yaml', CHECK('killed', 'public.slow_t'))
    await dir.write('killed/b.yaml', CHECK('healthy', 'public.t'))
    const definitions = await definitionsIn(`${dir.path}/killed`, ['src', 'dw'])
    const config = testConfig({
      connections: [source.config, target.config],
      store: pgliteStore(`${dir.path}/s1`),
    })
    const [run, terminated] = await Promise.all([
      executeRun({ config, definitions, trigger: 'test', sleep: noSleep }),
      terminateWhenRunning(source.location, 'slow_t'),
    ])
    expect(terminated).toBeGreaterThan(0)
    const killed = run.results.filter((r) => r.check === 'killed')
    expect(killed.map((r) => r.status)).toEqual(['error', 'error', 'error'])
    expect(killed[0]?.error?.code).toBe('CONNECTION_UNREACHABLE')
    expect(killed[0]?.message).toMatch(/connection "src" .* is unreachable/)
    expect(killed[0]?.message).toMatch(/terminat/i)
    expect(run.results.filter((r) => r.check === 'healthy').every((r) => r.status === 'pass')).toBe(true)
    expect(run.stored).toBe(true)
  }, 120_000)

  it('retries a query whose backend was terminated, per the retry policy, and then passes', async () => {
    await dir.write('retried/a.yaml', CHECK('retried', 'public.slow_t'))
    const definitions = await definitionsIn(`${dir.path}/retried`, ['src', 'dw'])
    const retrying = { ...source.config, retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 } }
    const config = testConfig({
      connections: [retrying, target.config],
      store: pgliteStore(`${dir.path}/s2`),
    })
    const [run] = await Promise.all([
      executeRun({ config, definitions, trigger: 'test', sleep: noSleep }),
      terminateWhenRunning(source.location, 'slow_t'),
    ])
    expect(run.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass'])
  }, 120_000)

  it('connects with url without a password plus a separate password field (SCRAM)', async () => {
    const role = `reconcile_pw_${randomBytes(4).toString('hex')}`
    const password = `p@ss:w/rd%${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: source.location })
    await admin.connect()
    let hba: { file: string; text: string } | undefined
    try {
      await admin.query(`SET password_encryption = 'scram-sha-256'`)
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`)
      await admin.query(`GRANT SELECT ON t TO ${role}`)
      // The test server trusts everyone; this role alone must authenticate with SCRAM, as a production one does.
      const { rows } = await admin.query<{ file: string; text: string }>(
        `SELECT current_setting('hba_file') AS file, pg_read_file(current_setting('hba_file')) AS text`,
      )
      hba = rows[0]
      if (hba === undefined) throw new Error('no hba_file')
      await writeHba(admin, hba.file, [
        `host all ${role} 127.0.0.1/32 scram-sha-256`,
        ...hba.text.split('\n'),
      ])
      const url = new URL(source.location)
      url.username = role
      url.password = ''
      const base = source.config as Extract<ConnectionConfig, { dialect: 'postgres' }>
      const good = new Connection({ ...base, url: url.href, password })
      const bad = new Connection({ ...base, url: url.href, password: 'wrong' })
      try {
        const { rows } = await good.query<{ n: string }>(['SELECT count(*)::text AS n FROM t'])
        expect(rows).toEqual([{ n: '50' }])
        await expect(bad.query(['SELECT 1'])).rejects.toMatchObject({ code: 'AUTH_FAILED' })
      } finally {
        await good.close()
        await bad.close()
      }
    } finally {
      if (hba !== undefined) await writeHba(admin, hba.file, hba.text.split('\n'))
      await admin.end()
    }
  }, 60_000)
})
