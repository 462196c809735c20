import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { captureIo } from '../support/capture-io.js'
import { availableEngines } from '../support/engines.js'
import { createScenario, type Scenario } from '../support/notify-scenario.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')

describe.skipIf(pglite === undefined)('reconcile incidents, outbox and daemon', () => {
  let dir: TempDir
  let scenario: Scenario
  let config: string
  const run = async (...args: string[]) => {
    const io = captureIo()
    const code = await main([...args, '--config', config], io)
    return { code, out: io.stdout(), err: io.stderr() }
  }

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    scenario = await createScenario(pglite, dir)
    config = await dir.write(
      'config/reconcile.yaml',
      `installation: CLI test
locale: en
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
mail:
  from: reconcile@region.example
  eml_dir: ../mail
  recipients: { alerts: [a@region.example], vendor: [v@vendor.example], report: [r@region.example] }
connections:
  src: { dialect: pglite, path: ${scenario.source.location} }
  dw: { dialect: pglite, path: ${scenario.target.location} }
`,
    )
  })
  afterAll(async () => {
    await scenario?.cleanup()
    await dir?.remove()
  })

  it('run opens an incident, writes the alert and the ticket as .eml files, and says so', async () => {
    const { code, out } = await run('run')
    expect(code).toBe(1)
    expect(out).toContain('Incidents: 1 opened (patients); 2 messages queued.')
    expect(out).toMatch(/Mail: 2 sent to \.eml files in .*mail\./)
  })

  it('incidents lists the open incident; outbox has nothing pending, and everything with --all', async () => {
    const incidents = await run('incidents')
    expect(incidents.code).toBe(0)
    expect(incidents.out).toMatch(/OPEN\s+patients\s+\d{4}-\d\d-\d\d \d\d:\d\d/)
    const pending = await run('outbox')
    expect(pending.out).toContain('Nothing pending or failed')
    const all = await run('outbox', '--all')
    expect(all.out).toMatch(/SENT\s+.*incident_opened\s+a@region\.example/)
    expect(all.out).toMatch(/SENT\s+.*vendor_ticket\s+v@vendor\.example/)
  })

  it('daemon refuses a configuration with nothing to schedule', async () => {
    const { code, err } = await run('daemon')
    expect(code).toBe(3)
    expect(err).toContain('Nothing to schedule')
  })

  it('has --help on the new commands', async () => {
    for (const command of ['daemon', 'incidents', 'outbox']) {
      const io = captureIo()
      expect(await main([command, '--help'], io)).toBe(0)
      expect(io.stdout()).toMatch(new RegExp(`^Usage: reconcile ${command}`))
    }
  })
})
