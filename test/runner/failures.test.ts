import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionConfig } from '../../src/config/types.js'
import { executeRun } from '../../src/runner/run.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const CHECK = (id: string, source: string) => `id: ${id}
title: ${id}
description: failure test
owner: tests
severity: low
source: { connection: src, ${source} }
target: { connection: dw, table: dw.t }
columns: [id]
assertions:
  - kind: row_count
  - kind: aggregate
    column: id
    functions: [sum]
`

/** A connection that nothing listens on: port 1 on the loopback refuses at once. */
const CLOSED: ConnectionConfig = {
  name: 'src',
  dialect: 'postgres',
  url: 'postgres://reconcile:SECRET-PASSWORD@127.0.0.1:1/cosmic',
  port: 5432,
  ssl: 'disable',
  statementTimeoutMs: 5_000,
  maxConcurrentQueries: 2,
  retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
}

for (const engine of availableEngines({
  pgOnly: 'fixtures, a PostgreSQL-only timeout (pg_sleep) and write refusals are written in PostgreSQL SQL',
})) {
  describe(`failures on ${engine.name}`, () => {
    let dir: TempDir
    let source: TestDatabase
    let target: TestDatabase
    beforeAll(async () => {
      dir = await tempDir()
      source = await engine.createDatabase('src')
      target = await engine.createDatabase('dw')
      await source.exec(
        'CREATE SCHEMA src; CREATE TABLE src.t (id integer); INSERT INTO src.t SELECT generate_series(1, 100);',
      )
      await target.exec(
        'CREATE SCHEMA dw; CREATE TABLE dw.t (id integer); INSERT INTO dw.t SELECT generate_series(1, 100);',
      )
    })
    afterAll(async () => {
      await source?.cleanup()
      await target?.cleanup()
      await dir?.remove()
    })

    it('reports an unreachable database as an error naming connection and host, after retrying, without the password', async () => {
      await dir.write('unreachable/a.yaml', CHECK('unreachable', 'table: src.t'))
      await dir.write(
        'unreachable/b.yaml',
        CHECK('reachable', 'table: src.t').replace('connection: src', 'connection: ok'),
      )
      const definitions = await definitionsIn(`${dir.path}/unreachable`, ['src', 'ok', 'dw'])
      const config = testConfig({
        connections: [CLOSED, { ...source.config, name: 'ok' }, target.config],
        store: pgliteStore(`${dir.path}/s1`),
      })
      const run = await executeRun({ config, definitions, trigger: 'test', sleep: noSleep })
      const failed = run.results.filter((r) => r.check === 'unreachable')
      expect(failed.map((r) => r.status)).toEqual(['error', 'error'])
      expect(failed[0]?.error?.code).toBe('CONNECTION_UNREACHABLE')
      expect(failed[0]?.message).toMatch(
        /connection "src" \(PostgreSQL 127\.0\.0\.1:1\/cosmic\) is unreachable after 3 attempts/,
      )
      expect(JSON.stringify(run.results)).not.toContain('SECRET-PASSWORD')
      expect(run.results.filter((r) => r.check === 'reachable').map((r) => r.status)).toEqual([
        'pass',
        'pass',
      ])
    })

    it('reports a PGlite path without a database as unreachable instead of creating an empty one', async () => {
      await dir.write('nodb/a.yaml', CHECK('nodb', 'table: src.t'))
      const definitions = await definitionsIn(`${dir.path}/nodb`, ['src', 'dw'])
      const missing: ConnectionConfig = {
        ...CLOSED,
        dialect: 'pglite',
        path: path.join(dir.path, 'no-such-db'),
      } as ConnectionConfig
      const config = testConfig({
        connections: [missing, target.config],
        store: pgliteStore(`${dir.path}/s2`),
      })
      const run = await executeRun({ config, definitions, trigger: 'test', sleep: noSleep })
      expect(run.results[0]?.error?.code).toBe('CONNECTION_UNREACHABLE')
      expect(run.results[0]?.message).toMatch(/no PGlite database at .*no-such-db/)
      await expect(readdir(path.join(dir.path, 'no-such-db'))).rejects.toThrow(/ENOENT/)
    })

    it.skipIf(engine.name === 'pglite')(
      'cancels a query at the statement timeout and reports it (PGlite cannot interrupt a statement)',
      async () => {
        await dir.write('slow/a.yaml', CHECK('slow', 'query: "SELECT t.id FROM src.t, pg_sleep(3) AS s"'))
        const definitions = await definitionsIn(`${dir.path}/slow`, ['src', 'dw'])
        const slow = {
          ...source.config,
          statementTimeoutMs: 300,
          retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
        }
        const config = testConfig({
          connections: [slow, target.config],
          store: pgliteStore(`${dir.path}/s3`),
        })
        const run = await executeRun({ config, definitions, trigger: 'test', sleep: noSleep })
        expect(run.results[0]?.error?.code).toBe('QUERY_TIMEOUT')
        expect(run.results[0]?.message).toMatch(/exceeded the statement timeout of 300ms after 2 attempts/)
        expect(run.results[0]?.sql.source).toMatch(/pg_sleep/)
      },
    )

    it('refuses a write on the source: reads are read-only', async () => {
      await dir.write(
        'write/a.yaml',
        CHECK('write', 'query: "SELECT id FROM src.t WHERE nextval(\'src.seq\') > 0"'),
      )
      await source.exec('CREATE SEQUENCE src.seq')
      const definitions = await definitionsIn(`${dir.path}/write`, ['src', 'dw'])
      const config = testConfig({
        connections: [source.config, target.config],
        store: pgliteStore(`${dir.path}/s4`),
      })
      const run = await executeRun({ config, definitions, trigger: 'test', sleep: noSleep })
      expect(run.results[0]?.status).toBe('error')
      expect(run.results[0]?.message).toMatch(/read-only transaction/)
    })

    it('spools the results when the store cannot be written, and the next run loads them', async () => {
      await dir.write('spool/a.yaml', CHECK('spooled', 'table: src.t'))
      const definitions = await definitionsIn(`${dir.path}/spool`, ['src', 'dw'])
      const spoolDir = path.join(dir.path, 'spool-files')
      const down = testConfig({
        connections: [source.config, target.config],
        store: {
          kind: 'postgres',
          url: 'postgres://x:STORE-SECRET@127.0.0.1:1/store',
          spoolDir,
          retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
        },
      })
      const first = await executeRun({ config: down, definitions, trigger: 'test', sleep: noSleep })
      expect(first.stored).toBe(false)
      expect(first.storeProblem).toMatch(/PostgreSQL store at 127\.0\.0\.1:1\/store after 2 attempt/)
      expect(first.storeProblem).not.toContain('STORE-SECRET')
      const spooled = await readFile(first.spoolFile ?? '', 'utf8')
      expect(
        spooled
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { type: string }).type),
      ).toEqual(['run', 'result', 'result', 'finish'])

      const store = { ...pgliteStore(`${dir.path}/s5`), spoolDir }
      const second = await executeRun({
        config: { ...down, store },
        definitions,
        trigger: 'test',
        sleep: noSleep,
      })
      expect(second.storeProblem ?? 'none').toBe('none')
      expect(second.stored).toBe(true)
      expect(second.recovery).toMatchObject({ runsLoaded: 1, resultsLoaded: 2, problems: [] })
      expect(second.recovery.runs.map((r) => [r.run.runId, r.finish.status, r.results.length])).toEqual([
        [first.runId, 'finished', 2],
      ])
      expect(await readdir(spoolDir)).toEqual([])
      const opened = await ResultsStore.open(store)
      try {
        const runs = await opened.runs()
        expect(runs.map((r) => [r.run_id, r.status, r.passed])).toEqual([
          [second.runId, 'finished', 2],
          [first.runId, 'finished', 2],
        ])
        expect((await opened.history({ check: 'spooled' })).map((h) => h.runId).sort()).toEqual(
          [first.runId, first.runId, second.runId, second.runId].sort(),
        )
      } finally {
        await opened.close()
      }
    })
  })
}
