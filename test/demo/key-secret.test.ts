import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { KEY_SECRET_VARIABLE, KeyMasker } from '../../src/results/key-mask.js'
import { DEMO_KEY_SECRET, useDemoKeySecret } from '../../src/demo/key-secret.js'

const run = promisify(execFile)

/**
 * Masks a key in a process of its own, as one demo run would: with the demo's secret in place (`demo`), or with
 * nothing set (the per-process random secret). Prints the mask and whether the secret was made up.
 */
async function maskInNewProcess(demo: boolean): Promise<string> {
  const script = `
    const { KeyMasker } = await import('./src/results/key-mask.js')
    const { useDemoKeySecret } = await import('./src/demo/key-secret.js')
    if (${demo}) useDemoKeySecret()
    const masker = KeyMasker.fromEnvironment()
    process.stdout.write(JSON.stringify({ mask: masker.mask('19121212-1212'), ephemeral: masker.ephemeral }))
  `
  const env = { ...process.env }
  delete env[KEY_SECRET_VARIABLE]
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env,
    cwd: process.cwd(),
  })
  return stdout
}

describe('the demo key secret', () => {
  it('makes two demo runs (two processes) produce the same masked keys', async () => {
    const [first, second] = [await maskInNewProcess(true), await maskInNewProcess(true)]
    expect(JSON.parse(first)).toEqual({
      mask: KeyMasker.withSecret(DEMO_KEY_SECRET).mask('19121212-1212'),
      ephemeral: false,
    })
    expect(second).toBe(first)
    // Without it, each process makes up its own secret and the masks differ: what the demo secret fixes.
    const [a, b] = [await maskInNewProcess(false), await maskInNewProcess(false)]
    expect(JSON.parse(a)).toMatchObject({ ephemeral: true })
    expect(b).not.toBe(a)
  }, 60_000)

  it('is long enough to be accepted, and never replaces a secret the user set', () => {
    expect(KeyMasker.fromEnvironment({ [KEY_SECRET_VARIABLE]: DEMO_KEY_SECRET }).ephemeral).toBe(false)
    const own = 'x'.repeat(40)
    const env: NodeJS.ProcessEnv = { [KEY_SECRET_VARIABLE]: own }
    expect(useDemoKeySecret(env)).toEqual({ demo: false })
    expect(env[KEY_SECRET_VARIABLE]).toBe(own)
    const empty: NodeJS.ProcessEnv = {}
    expect(useDemoKeySecret(empty)).toEqual({ demo: true })
    expect(empty[KEY_SECRET_VARIABLE]).toBe(DEMO_KEY_SECRET)
  })
})
