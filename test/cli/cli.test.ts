import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { captureIo } from '../support/capture-io.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')

const check = (id: string, target: string, extra = '') => `id: ${id}
title: ${id} title
description: CLI test
owner: tests
severity: medium
source: { connection: cosmic, table: src.t }
target: { connection: ci, table: ${target} }
columns:
  - { name: id, source: id, target: ${extra === 'bad-column' ? 'ident' : 'id'} }
assertions:
  - kind: row_count
`

describe.skipIf(pglite === undefined)('reconcile CLI', () => {
  let dir: TempDir
  let cosmic: TestDatabase
  let ci: TestDatabase
  let config: string

  const run = async (...args: string[]) => {
    const io = captureIo()
    const code = await main([...args, '--config', config], io)
    return { code, out: io.stdout(), err: io.stderr() }
  }

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    cosmic = await pglite.createDatabase('cosmic')
    ci = await pglite.createDatabase('ci')
    await cosmic.exec(
      'CREATE SCHEMA src; CREATE TABLE src.t (id int); INSERT INTO src.t SELECT generate_series(1, 10);',
    )
    await ci.exec(
      'CREATE SCHEMA dw; CREATE TABLE dw.same (id int); INSERT INTO dw.same SELECT generate_series(1, 10); CREATE TABLE dw.short (id int); INSERT INTO dw.short SELECT generate_series(1, 7);',
    )
    config = await dir.write(
      'config/reconcile.yaml',
      `installation: CLI test
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
connections:
  cosmic: { dialect: pglite, path: ${cosmic.location} }
  ci: { dialect: pglite, path: ${ci.location} }
`,
    )
    await dir.write('checks/same.yaml', check('same', 'dw.same'))
    await dir.write('checks/short.yaml', check('short', 'dw.short'))
  })
  afterAll(async () => {
    await cosmic?.cleanup()
    await ci?.cleanup()
    await dir?.remove()
  })

  it('exits 0 when every assertion passes and prints the verdict', async () => {
    const { code, out } = await run('run', '--check', 'same')
    expect(code).toBe(0)
    expect(out).toMatch(/PASS\s+same\s+row_count\s+10\s+10\s+0/)
    expect(out).toMatch(/Verdict: ALL PASSED — 1 passed, 0 failed, 0 could not run/)
  })

  it('exits 1 on a difference and explains it', async () => {
    const { code, out } = await run('run')
    expect(code).toBe(1)
    expect(out).toMatch(/FAIL\s+short\s+row_count\s+10\s+7\s+-3 \(-30%\)/)
    expect(out).toContain('target has 3 fewer rows than the source (10 → 7, −30%), tolerance exact')
  })

  it('prints one JSON document with --json', async () => {
    const { code, out } = await run('run', '--json')
    expect(code).toBe(1)
    const doc = JSON.parse(out) as {
      runId: string
      results: Array<{ check: string; status: string; source: unknown }>
    }
    expect(doc.runId).toMatch(/^[0-9a-f-]{36}$/)
    expect(doc.results.map((r) => [r.check, r.status, r.source])).toEqual([
      ['same', 'pass', { rows: '10' }],
      ['short', 'fail', { rows: '10' }],
    ])
  })

  it('shows past results with history', async () => {
    const { code, out } = await run('history', '--check', 'short', '--days', '1')
    expect(code).toBe(0)
    expect(out.split('\n').filter((l) => /short\s+row_count\s+FAIL/.test(l)).length).toBeGreaterThanOrEqual(2)
    expect(out).not.toMatch(/\bsame\b/)
  })

  it('exits 3 on an unknown check id and lists the known ones', async () => {
    const { code, err } = await run('run', '--check', 'nope')
    expect(code).toBe(3)
    expect(err).toContain('no check with id "nope"; known ids: same, short')
  })

  it('validate --connect finds a column that does not exist and lists the real ones', async () => {
    await dir.write('checks/bad.yaml', check('bad', 'dw.same', 'bad-column'))
    try {
      expect((await run('validate')).code).toBe(0)
      const { code, out } = await run('validate', '--connect')
      expect(code).toBe(3)
      expect(out).toMatch(/OK\s+same/)
      expect(out).toMatch(
        /INVALID\s+bad \(.*bad\.yaml\): target table dw\.same on connection "ci" has no column "ident"; it has: id/,
      )
    } finally {
      await dir.write('checks/bad.yaml', check('bad', 'dw.same'))
    }
  })

  it('exits 3 on an invalid definition and reports file, line and field, running nothing', async () => {
    await dir.write(
      'checks/broken.yaml',
      check('broken', 'dw.same').replace('severity: medium', 'severity: urgent'),
    )
    const { code, err } = await run('run')
    expect(code).toBe(3)
    expect(err).toMatch(
      /broken\.yaml:5: severity: Invalid option: expected one of "low"\|"medium"\|"high"\|"critical"/,
    )
    expect(err).toContain('nothing was run')
  })

  it('has --help on every command', async () => {
    for (const command of ['run', 'validate', 'history']) {
      const io = captureIo()
      expect(await main([command, '--help'], io)).toBe(0)
      expect(io.stdout()).toMatch(new RegExp(`^Usage: reconcile ${command}`))
    }
    const io = captureIo()
    expect(await main(['--help'], io)).toBe(0)
    expect(io.stdout()).toMatch(/Exit status: 0 all passed, 1 a difference was found/)
  })

  it('rejects an unknown option with a pointer to --help', async () => {
    const io = captureIo()
    expect(await main(['run', '--chek', 'x'], io)).toBe(3)
    expect(io.stderr()).toMatch(/Unknown option '--chek'.*run "reconcile run --help"/)
  })
})
