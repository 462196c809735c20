/**
 * Runs once per `vitest` run, before any worker: prints the skipped engines, checks that a configured
 * PostgreSQL or SQL Server answers (a configured engine that does not is a failed run, never a skip), and makes the empty PGlite database that every PGlite test database is copied from.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { execMssqlBatch, planEngines } from './engines.js'
import { parseMssqlUrl } from './mssql-url.js'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { engines, skipped } = planEngines()
  for (const line of skipped) console.warn(line)
  project.provide('skippedEnginesReported', true)

  const serverUrl = process.env.TEST_POSTGRES_URL
  if (serverUrl && engines.some((e) => e.name === 'postgres')) {
    const client = new pg.Client({ connectionString: serverUrl })
    try {
      await client.connect()
      await client.query('select 1')
    } catch (error: unknown) {
      throw new Error(`TEST_POSTGRES_URL=${serverUrl} is set, but the server does not answer`, {
        cause: error,
      })
    } finally {
      // A failed connect leaves nothing to close, and its error above is the one worth reporting.
      await client.end().catch(() => undefined)
    }
  }

  const mssqlUrl = process.env.TEST_MSSQL_URL
  if (mssqlUrl && engines.some((e) => e.name === 'mssql')) {
    try {
      await execMssqlBatch(parseMssqlUrl(mssqlUrl), 'SELECT 1')
    } catch (error: unknown) {
      // The URL holds a password: name the server, not the URL.
      const u = new URL(mssqlUrl)
      throw new Error(`TEST_MSSQL_URL (${u.host}${u.pathname}) is set, but the server does not answer`, {
        cause: error,
      })
    }
  }

  let template: string | undefined
  if (engines.some((e) => e.name === 'pglite')) {
    template = await mkdtemp(path.join(os.tmpdir(), 'reconcile-pglite-template-'))
    await (await PGlite.create(template)).close()
  }
  project.provide('pgliteTemplate', template)

  return async () => {
    if (template !== undefined) await rm(template, { recursive: true, force: true })
  }
}
