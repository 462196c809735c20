import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSameRowsProject } from '../support/same-rows-project.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * The CLI as an operator gets it: built with `npm run build`, installed into another project by npm (which links
 * `bin` into node_modules/.bin), and run as a separate process, including with its output piped into a reader
 * that goes away at once (`reconcile run | true`).
 */
describe('the installed reconcile command', () => {
  let dir: TempDir
  let bin: string
  let config: string

  /** Runs the command with stdout and stderr already closed by their reader; resolves with the exit code. */
  const piped = (args: readonly string[]) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const child = spawn(bin, [...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      })
      // The reader exits at once: both pipes are closed before the command writes anything.
      child.stdout.destroy()
      child.stderr.destroy()
      child.on('error', reject)
      child.on('close', (code, signal) => resolve({ code, signal }))
    })

  beforeAll(async () => {
    dir = await tempDir('reconcile-bin-')
    await run('npm', ['run', 'build'], { cwd: ROOT })
    await dir.write(
      'app/package.json',
      JSON.stringify({ name: 'app', private: true, dependencies: { 'cosmic-reconcile': `file:${ROOT}` } }),
    )
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: path.join(dir.path, 'app'),
    })
    bin = path.join(dir.path, 'app/node_modules/.bin/reconcile')
    config = await writeSameRowsProject(dir, 'bin test')
  }, 300_000)
  afterAll(async () => {
    await dir?.remove()
  })

  it('is linked by npm into node_modules/.bin and prints its help', async () => {
    const { stdout } = await run(bin, ['--help'])
    expect(stdout).toContain('Usage: reconcile <command>')
  })

  it('survives a closed stdout and stderr on every one-shot command, with the documented exit status', async () => {
    const cases: ReadonlyArray<readonly [readonly string[], number]> = [
      [['--help'], 0],
      [['run', '--config', config], 0],
      [['run', '--json', '--config', config], 0],
      [['validate', '--config', config], 0],
      [['history', '--config', config], 0],
      [['incidents', '--config', config], 0],
      [['outbox', '--config', config], 0],
      [['explain', '--format', 'md', '--config', config], 0],
      [['evidence', '--from', '2020-01-01', '--to', '2099-12-31', '--config', config], 0],
      [['run', '--check', 'nonexistent', '--config', config], 3],
      [['no-such-command'], 3],
    ]
    for (const [args, expected] of cases) {
      const outcome = await piped(args)
      expect({ args, ...outcome }).toEqual({ args, code: expected, signal: null })
    }
    // The two piped runs were stored although nobody read their output.
    const { stdout } = await run(bin, ['history', '--json', '--config', config])
    const runs = new Set((JSON.parse(stdout) as Array<{ runId: string }>).map((r) => r.runId))
    expect(runs.size).toBe(2)
  }, 300_000)
})
