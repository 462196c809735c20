import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSameRowsProject } from '../support/same-rows-project.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** A free port on loopback, for the dashboard. */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

type Child = ChildProcessByStdio<null, Readable, Readable>

/**
 * Starts `reconcile <args>` as a process of its own, from the sources (tsx), with the working directory and the
 * environment set explicitly: no colour, and no CI or test-runner variables that could change its output.
 */
function reconcile(args: readonly string[]): { child: Child; stdout: () => string; stderr: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'CI') delete env[name]
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  return { child, stdout: () => out, stderr: () => err }
}

/** Runs a one-shot command to its end. */
async function complete(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, stdout, stderr } = reconcile(args)
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, stdout: stdout(), stderr: stderr() }
}

/**
 * The default PGlite store shared by two processes: the dashboard (`serve`) keeps running while `run` stores a
 * run. The run must be visible on the dashboard at once, and still in `history` and `evidence` after the dashboard
 * stops: neither process may keep a private copy of the store that overwrites the other's writes.
 */
describe('serve and run as separate processes on one PGlite store', () => {
  let dir: TempDir
  let config: string
  let serve: ReturnType<typeof reconcile> | undefined

  beforeAll(async () => {
    dir = await tempDir('reconcile-processes-')
    config = await writeSameRowsProject(dir, 'process test')
  }, 120_000)
  afterAll(async () => {
    if (serve !== undefined && serve.child.exitCode === null) {
      serve.child.kill('SIGKILL')
      await once(serve.child, 'close')
    }
    await dir?.remove()
  })

  it('the run appears on the running dashboard, and in history and evidence after it stops', async () => {
    // `serve` refuses a store that does not exist yet: the first run creates it.
    const first = await complete(['run', '--config', config])
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' })
    const firstId = /Results stored \(run ([0-9a-f-]{36})\)/.exec(first.stdout)?.[1]
    expect(firstId, first.stdout).toBeDefined()

    const port = await freePort()
    serve = reconcile(['serve', '--config', config, '--port', String(port)])
    const dashboard = serve
    const closed = once(dashboard.child, 'close')
    while (!dashboard.stdout().includes('Dashboard of')) {
      const ended = await Promise.race([
        once(dashboard.child.stdout, 'data').then(() => false),
        closed.then(() => true),
      ])
      if (ended) throw new Error(`serve exited ${dashboard.child.exitCode}: ${dashboard.stderr()}`)
    }
    const base = `http://127.0.0.1:${port}/en`
    // The dashboard has read the (empty) store before the run starts.
    expect((await fetch(`${base}/runs`)).status).toBe(200)

    const run = await complete(['run', '--config', config])
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
    const runId = /Results stored \(run ([0-9a-f-]{36})\)/.exec(run.stdout)?.[1]
    expect(runId, run.stdout).toBeDefined()
    const id = runId ?? ''

    const runs = await (await fetch(`${base}/runs`)).text()
    expect(runs).toContain(id.slice(0, 8))
    const page = await fetch(`${base}/runs/${id}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('same')

    dashboard.child.kill('SIGTERM')
    const [code] = (await closed) as [number | null]
    expect(code).toBe(0)

    const history = await complete(['history', '--json', '--config', config])
    expect(history.code).toBe(0)
    expect(new Set((JSON.parse(history.stdout) as Array<{ runId: string }>).map((h) => h.runId))).toEqual(
      new Set([id, firstId]),
    )
    const evidence = await complete([
      'evidence',
      '--from',
      '2020-01-01',
      '--to',
      '2099-12-31',
      '--config',
      config,
    ])
    expect(evidence.code).toBe(0)
    expect(evidence.stdout).toContain(id)
  }, 600_000)
})
