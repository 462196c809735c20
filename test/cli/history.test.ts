import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { captureIo } from '../support/capture-io.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')

// Three assertions that fail in the ways history used to show badly: a checksum (its difference was `0`) and a
// freshness lag (printed as milliseconds); the target holds 3 of 5 rows, one changed, and lags 3 days behind.
const CHECK = `id: visits
title: visits title
description: history test
owner: tests
severity: medium
source: { connection: cosmic, table: src.t }
target: { connection: ci, table: dw.t }
columns:
  - { name: id, source: id, target: id }
  - { name: v, source: v, target: v }
  - { name: changed_at, source: changed_at, target: changed_at }
key: [id]
assertions:
  - kind: row_count
  - kind: freshness
    column: changed_at
    max_lag: 2h
  - kind: checksum
    columns: [v]
`

describe.skipIf(pglite === undefined)('reconcile history', () => {
  let dir: TempDir
  let cosmic: TestDatabase
  let ci: TestDatabase
  let config: string

  const cli = async (...args: string[]) => {
    const io = captureIo()
    const code = await main([...args, '--config', config], io)
    return { code, out: io.stdout(), err: io.stderr() }
  }

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    cosmic = await pglite.createDatabase('cosmic')
    ci = await pglite.createDatabase('ci')
    await cosmic.exec(`CREATE SCHEMA src; CREATE TABLE src.t (id int, v text, changed_at timestamp);
      INSERT INTO src.t VALUES (1, 'a', '2026-11-20 10:00'), (2, 'b', '2026-11-20 10:00'), (3, 'c', '2026-11-20 10:00'),
        (4, 'd', '2026-11-20 10:00'), (5, 'e', '2026-11-23 10:00');`)
    await ci.exec(`CREATE SCHEMA dw; CREATE TABLE dw.t (id int, v text, changed_at timestamp);
      INSERT INTO dw.t VALUES (1, 'a', '2026-11-20 10:00'), (2, 'B', '2026-11-20 10:00'), (3, 'c', '2026-11-20 10:00');`)
    config = await dir.write(
      'config/reconcile.yaml',
      `installation: history test
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
connections:
  cosmic: { dialect: pglite, path: ${cosmic.location} }
  ci: { dialect: pglite, path: ${ci.location} }
`,
    )
    await dir.write('checks/visits.yaml', CHECK)
    // Two runs: six results, so that a limit below six leaves some out.
    expect((await cli('run')).code).toBe(1)
    expect((await cli('run')).code).toBe(1)
  })
  afterAll(async () => {
    await cosmic?.cleanup()
    await ci?.cleanup()
    await dir?.remove()
  })

  it('shows a freshness lag as a duration and a failing checksum as its missing, extra and changed rows', async () => {
    const { code, out } = await cli('history')
    expect(code).toBe(0)
    const lines = out.split('\n')
    const freshness = lines.filter((l) => /visits\s+freshness\S*\s+FAIL/.test(l))
    expect(freshness).toHaveLength(2)
    for (const l of freshness) expect(l).toMatch(/\s3 d behind\s/)
    const checksum = lines.filter((l) => /visits\s+checksum\S*\s+FAIL/.test(l))
    expect(checksum).toHaveLength(2)
    for (const l of checksum) expect(l).toMatch(/rows: 1 changed, 2 missing\s/)
    expect(out).not.toMatch(/259,?200,?000/)
    expect(out).not.toContain('Showing the newest')
  })

  it('shows at most --limit results and says how many more there are and how to see them', async () => {
    const { code, out } = await cli('history', '--limit', '2')
    expect(code).toBe(0)
    expect(out.split('\n').filter((l) => /\bvisits\b/.test(l))).toHaveLength(2)
    expect(out).toContain(
      'Showing the newest 2 of 6 results; 4 more: add --limit 6 to see them all, or narrow with --check ID or --days N.',
    )
  })

  it('refuses a --limit that is not a whole number ≥ 1', async () => {
    for (const bad of ['0', '-3', '2.5', 'all']) {
      const { code, err } = await cli('history', `--limit=${bad}`)
      expect(code).toBe(3)
      expect(err).toContain(`--limit: expected a whole number of results ≥ 1, got "${bad}"`)
    }
  })

  it('keeps --json an array of results with the same fields as before; the note on more goes to stderr', async () => {
    const { code, out, err } = await cli('history', '--json', '--limit', '3')
    expect(code).toBe(0)
    const doc = JSON.parse(out) as Array<Record<string, unknown>>
    expect(doc).toHaveLength(3)
    for (const entry of doc) {
      expect(Object.keys(entry)).toEqual([
        'runId',
        'evaluatedAt',
        'check',
        'assertion',
        'status',
        'source',
        'target',
        'difference',
        'message',
        'definitionHash',
      ])
      expect(entry.evaluatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    }
    const freshness = doc.find((e) => String(e.assertion).startsWith('freshness'))
    expect(freshness?.difference).toEqual({ absolute: '-259200000', percent: null })
    expect(err).toContain('Showing the newest 3 of 6 results; 3 more')
  })
})
