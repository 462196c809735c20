import { readdir, readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/types.js'
import { runAndNotify } from '../../src/pipeline/run-and-notify.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines } from '../support/engines.js'
import { noSleep } from '../support/fixtures.js'
import {
  createScenario,
  type Scenario,
  scenarioConfig,
  TestClock,
  testMail,
} from '../support/notify-scenario.js'
import { SmtpInbox, inboxTransport } from '../support/smtp-inbox.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js'

// A store server of the test's own is stopped mid-run; it needs the PostgreSQL binaries TEST_POSTGRES_URL implies.
const enabled = process.env.TEST_POSTGRES_URL !== undefined && process.env.TEST_POSTGRES_URL !== ''
if (!enabled) console.warn('SKIPPED store-dies tests: TEST_POSTGRES_URL is not set (no PostgreSQL binaries)')

describe.skipIf(!enabled)('the store server dies mid-run', () => {
  let dir: TempDir
  let scenario: Scenario
  let server: ThrowawayPostgres
  let config: Config
  const inbox = new SmtpInbox()
  const clock = new TestClock('2026-11-23T03:30:00Z')

  beforeAll(async () => {
    dir = await tempDir()
    const pglite = availableEngines().find((e) => e.name === 'pglite')
    if (pglite === undefined) throw new Error('the pglite engine is always available')
    scenario = await createScenario(pglite, dir)
    server = await startThrowawayPostgres()
    const port = await inbox.start()
    const base = scenarioConfig(
      scenario,
      {
        kind: 'postgres',
        url: server.url,
        spoolDir: `${dir.path}/spool`,
        retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
      },
      testMail(inboxTransport(port)),
      { locale: 'sv' },
    )
    // One check at a time, so the store can be stopped between the first check's results and the second's.
    const connections = new Map([...base.connections].map(([n, c]) => [n, { ...c, maxConcurrentQueries: 1 }]))
    config = { ...base, connections }
  })
  afterAll(async () => {
    await inbox.stop()
    await scenario?.cleanup()
    await server?.remove()
    await dir?.remove()
  })

  it('spools what was not stored; the next run loads it, opens the incident and sends the alert marked late', async () => {
    let started = 0
    const night1 = await runAndNotify({
      config,
      definitions: scenario.definitions,
      trigger: 'test',
      now: clock.now,
      sleep: noSleep,
      onCheckStart: () => {
        started += 1
        // The first check's results are stored; the store crashes before the second's.
        if (started === 2) server.kill()
      },
    })
    expect(started).toBe(2)
    expect(night1.aborted).toBe(false)
    expect(night1.stored).toBe(false)
    expect(night1.storeProblem).toMatch(/cannot record results in the PostgreSQL store/)
    expect(night1.incidents).toBeUndefined()
    expect(inbox.received).toHaveLength(0)
    const lines = (await readFile(night1.spoolFile ?? '', 'utf8')).trim().split('\n')
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type)
    expect(types[0]).toBe('run')
    expect(types.at(-1)).toBe('finish')
    expect(types.filter((t) => t === 'result')).toHaveLength(night1.results.length)
    const patients = night1.results.filter((r) => r.check === 'patients')
    expect(patients.some((r) => r.status === 'fail')).toBe(true)

    server.restart()
    clock.advance(86_400_000)
    const night2 = await runAndNotify({
      config,
      definitions: scenario.definitions,
      trigger: 'test',
      now: clock.now,
      sleep: noSleep,
    })
    expect(night2.stored).toBe(true)
    expect(night2.recovery.runsLoaded).toBe(1)
    expect(night2.recovery.runs[0]?.run.runId).toBe(night1.runId)
    expect(await readdir(`${dir.path}/spool`)).toEqual([])
    // A run that finished is recorded finished, not aborted as an orphan of a dead process.
    expect(night2.orphansAborted).toEqual([])
    expect(night2.incidents?.opened.map((i) => i.checkId)).toEqual(['patients'])
    expect(night2.incidents?.updated.map((i) => i.checkId)).toEqual(['patients'])

    // The late alert and the vendor ticket of the incident the spooled run opened.
    const mails = await inbox.waitFor(2)
    const alert = mails.find((m) => m.envelopeTo.includes('cosmic-forvaltning@region.example'))
    expect(alert?.subject).toMatch(/^\[SENT LAGRAD\] \[AVVIKELSE\] patients: /)
    expect(alert?.text).toMatch(/Sent lagrat: körningen 2026-11-23 04:3\d .*kunde inte lagras då/)
    expect(alert?.text).toMatch(/lades in 2026-11-24 04:3\d.*slutstatus: klar/s)
    expect(alert?.text).toContain(night1.runId)
    expect(alert?.html).toContain('Sent lagrat')

    const store = await ResultsStore.open(config.store)
    try {
      const runs = await store.runs()
      const first = runs.find((r) => r.run_id === night1.runId)
      expect(first?.status).toBe('finished')
      expect((await store.resultsOfRun(night1.runId)).length).toBe(night1.results.length)
      const [incident] = await store.incidents.open()
      // Dated at the run that found it, as if stored on time.
      expect(new Date(incident?.openedAt ?? '').toISOString()).toBe(night1.finishedAt)
    } finally {
      await store.close()
    }
  }, 240_000)
})
