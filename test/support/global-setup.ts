/**
 * Runs once per `vitest` run, before any worker: prints the skipped engines, checks that a configured
 * PostgreSQL server answers, and makes the empty PGlite database that every PGlite test database is copied from.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { planEngines } from './engines.js'

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
