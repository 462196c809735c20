import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')
const ROOT = path.resolve(import.meta.dirname, '../..')
// The built command, as operators run it: node starts it in a fraction of the time tsx needs for every spawn.
const BIN = path.join(ROOT, 'dist/cli/bin.js')

/** What a spawned command did: its exit code or signal, and what it wrote on stderr when that was read. */
interface Outcome {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/**
 * Runs the built CLI as a separate process whose stdout reader exits at once: the pipe is
 * closed before the command writes anything. With `closeStderr`, stderr's reader is gone too; otherwise stderr is
 * read, to see that nothing crashed.
 */
function piped(args: readonly string[], options: { closeStderr: boolean }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    })
    child.stdout.destroy()
    let stderr = ''
    if (options.closeStderr) child.stderr.destroy()
    else child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stderr }))
  })
}

const CHECK = (id: string, target: string) => `id: ${id}
title: ${id}
description: closed stdout test
owner: tests
severity: low
source: { connection: cosmic, table: src.t }
target: { connection: ci, table: ${target} }
columns: [id]
assertions:
  - kind: row_count
`

/** Signs of a crash rather than an outcome: a stack frame, an unhandled error, the broken pipe itself. */
const CRASH = /EPIPE|\n\s+at |Unhandled|node:internal|unexpected failure/

describe.skipIf(pglite === undefined)(
  'every command with its output piped into a reader that exits at once',
  () => {
    let dir: TempDir
    let cosmic: TestDatabase
    let ci: TestDatabase
    let config: string
    let unreachable: string

    beforeAll(async () => {
      if (pglite === undefined) return
      await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT })
      dir = await tempDir('reconcile-closed-stdout-')
      cosmic = await pglite.createDatabase('cosmic')
      ci = await pglite.createDatabase('ci')
      await cosmic.exec(
        'CREATE SCHEMA src; CREATE TABLE src.t (id int); INSERT INTO src.t SELECT generate_series(1, 10);',
      )
      await ci.exec(
        'CREATE SCHEMA dw; CREATE TABLE dw.same (id int); INSERT INTO dw.same SELECT generate_series(1, 10); CREATE TABLE dw.short (id int); INSERT INTO dw.short SELECT generate_series(1, 7);',
      )
      await dir.write('checks/same.yaml', CHECK('same', 'dw.same'))
      await dir.write('checks/short.yaml', CHECK('short', 'dw.short'))
      config = await dir.write(
        'config/reconcile.yaml',
        `installation: closed stdout test
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
connections:
  cosmic: { dialect: pglite, path: ${cosmic.location} }
  ci: { dialect: pglite, path: ${ci.location} }
`,
      )
      // Nothing listens on port 1: every check errors at once, without retries.
      unreachable = await dir.write(
        'config/unreachable.yaml',
        `installation: closed stdout test
checks_dir: ../checks
store: { pglite: ../store-unreachable, spool_dir: ../spool-unreachable }
connections:
  cosmic: { dialect: pglite, path: ${cosmic.location} }
  ci:
    dialect: postgres
    url: postgres://nobody@127.0.0.1:1/none
    ssl: disable
    retry: { attempts: 1 }
`,
      )
    }, 300_000)
    afterAll(async () => {
      await cosmic?.cleanup()
      await ci?.cleanup()
      await dir?.remove()
    })

    it('ends without a trace and with the exit status the README documents for the outcome', async () => {
      const c = ['--config', config]
      // Each command with the exit status its outcome has; the store is shared, so history has runs to print.
      const cases: ReadonlyArray<readonly [readonly string[], number]> = [
        [['--help'], 0],
        [['no-such-command'], 3],
        [['run', '--check', 'same', ...c], 0],
        [['run', ...c], 1],
        [['run', '--json', ...c], 1],
        [['run', '--config', unreachable], 2],
        [['run', '--check', 'nonexistent', ...c], 3],
        [['validate', '--connect', ...c], 0],
        [['history', ...c], 0],
        [['history', '--json', ...c], 0],
        [['incidents', '--all', ...c], 0],
        [['outbox', '--all', ...c], 0],
        [['explain', '--format', 'md', ...c], 0],
        [['evidence', '--from', '2020-01-01', '--to', '2099-12-31', ...c], 0],
        [['daemon', '--help'], 0],
        [['daemon', ...c], 3],
        [['serve', '--help'], 0],
        [['serve', '--port', 'x', ...c], 3],
      ]
      for (const [args, expected] of cases) {
        const outcome = await piped(args, { closeStderr: false })
        expect({ args, code: outcome.code, signal: outcome.signal }).toEqual({
          args,
          code: expected,
          signal: null,
        })
        expect({ args, stderr: outcome.stderr }).not.toEqual({ args, stderr: expect.stringMatching(CRASH) })
      }
    }, 600_000)

    it('ends with the same exit status when stderr is closed too', async () => {
      const c = ['--config', config]
      const cases: ReadonlyArray<readonly [readonly string[], number]> = [
        [['run', '--check', 'same', ...c], 0],
        [['run', ...c], 1],
        [['run', '--config', unreachable], 2],
        [['history', '--days', 'x', ...c], 3],
      ]
      for (const [args, expected] of cases) {
        const outcome = await piped(args, { closeStderr: true })
        expect({ args, code: outcome.code, signal: outcome.signal }).toEqual({
          args,
          code: expected,
          signal: null,
        })
      }
    }, 600_000)
  },
)
