import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config, ConnectionConfig, ScheduledRunConfig } from '../../src/config/types.js'
import { Daemon } from '../../src/scheduler/daemon.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines } from '../support/engines.js'
import { noSleep } from '../support/fixtures.js'
import {
  createScenario,
  createStore,
  type Scenario,
  scenarioConfig,
  TestClock,
  testMail,
} from '../support/notify-scenario.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const NIGHTLY: ScheduledRunConfig = {
  name: 'nightly',
  cron: '15 4 * * *',
  load: {
    connection: 'dw',
    query: "SELECT finished_at FROM etl.load_log WHERE status = 'succeeded'",
    pollIntervalMs: 5 * 60_000,
    deadlineMs: 3 * 3_600_000,
    maxAgeMs: 12 * 3_600_000,
    notifyVendor: false,
  },
}

for (const engine of availableEngines({
  pgOnly: 'the engine hosts the results store, which is PostgreSQL or PGlite',
})) {
  describe(`reconcile daemon, store on ${engine.name}`, () => {
    let dir: TempDir
    let scenario: Scenario
    let storeConfig: Config['store']
    let cleanupStore: () => Promise<void>
    let store: ResultsStore
    const clock = new TestClock('2026-11-23T03:15:00Z')
    const lines: string[] = []

    const configWith = (
      runs: readonly ScheduledRunConfig[],
      connections?: (c: ConnectionConfig) => ConnectionConfig,
    ): Config => {
      const base = scenarioConfig(scenario, storeConfig, testMail({ kind: 'eml', dir: `${dir.path}/mail` }))
      return {
        ...base,
        connections:
          connections === undefined
            ? base.connections
            : new Map([...base.connections].map(([k, c]) => [k, connections(c)])),
        schedule: { runs, catchUpMs: 6 * 3_600_000, morningReport: { cron: '0 7 * * *' } },
      }
    }
    const daemon = (config: Config, s: ResultsStore = store, owner = 'test-daemon') =>
      new Daemon({
        config,
        loadDefinitions: async () => scenario.definitions,
        store: s,
        clock,
        log: (line) => lines.push(line),
        owner,
        sleep: noSleep,
      })
    const scheduledRuns = async () =>
      (await store.recentRuns(100)).filter((r) => r.trigger.startsWith('schedule:'))

    beforeAll(async () => {
      dir = await tempDir()
      scenario = await createScenario(engine, dir)
      await scenario.target
        .exec(`CREATE SCHEMA etl; CREATE TABLE etl.load_log (finished_at timestamp, status text);
INSERT INTO etl.load_log VALUES (TIMESTAMP '2026-11-23 03:10:00', 'succeeded');`)
      const created = await createStore(engine, dir, 'store')
      storeConfig = created.config
      cleanupStore = created.cleanup
      store = await ResultsStore.open(storeConfig)
    })
    afterAll(async () => {
      await store?.close()
      await scenario?.cleanup()
      await cleanupStore?.()
      await dir?.remove()
    })

    it('runs the checks once the night load has finished, with the load recorded as a passing result', async () => {
      const d = daemon(configWith([NIGHTLY]))
      await d.tick()
      await d.idle()
      const runs = await scheduledRuns()
      expect(runs).toHaveLength(1)
      expect(runs[0]).toMatchObject({ trigger: 'schedule:nightly', status: 'finished' })
      const results = await store.resultsOfRun(runs[0]?.runId ?? '')
      expect(results[0]).toMatchObject({
        check: 'load',
        assertion: 'load_finished',
        status: 'pass',
        cutoff: '2026-11-23T03:10:00',
      })
      expect(results.filter((r) => r.check === 'patients').map((r) => r.status)).toContain('fail')
      const [claim] = await store.claims.list('nightly')
      expect(claim).toMatchObject({
        slot: '2026-11-23T04:15',
        status: 'done',
        run_id: runs[0]?.runId,
        claimed_by: 'test-daemon',
      })
      expect((await readdir(`${dir.path}/mail`)).some((f) => f.includes('incident_opened'))).toBe(true)
      await d.stop()
    })

    it('records a failing load result and alerts when the load is still missing at the deadline', async () => {
      clock.set('2026-11-24T03:15:00Z')
      const d = daemon(configWith([NIGHTLY]))
      await d.tick()
      await d.idle()
      const runs = await scheduledRuns()
      expect(runs).toHaveLength(2)
      const results = await store.resultsOfRun(runs[0]?.runId ?? '')
      expect(results.map((r) => [r.check, r.status])).toEqual([['load', 'fail']])
      // Polled every five minutes of the injected clock until the deadline, 3 h after 04:15.
      expect(clock.now().toISOString()).toBe('2026-11-24T06:15:00.000Z')
      const [incident] = await store.incidents.list({ check: 'load' })
      expect(incident).toMatchObject({ status: 'open', lastStatus: 'fail' })
      const sent = await store.outbox.list({ all: true })
      expect(sent.find((m) => m.incidentId === incident?.incidentId)?.subject).toMatch(
        /^\[AVVIKELSE\] load: nattens laddning är inte klar \(förra klar för 1 d 4 h sedan\) · Testregionen$/,
      )
      await d.stop()
    })

    it('queues the morning report due at 07:00 right after the late run that held it back, verdict first', async () => {
      expect(clock.now().toISOString()).toBe('2026-11-24T06:15:00.000Z')
      const d = daemon(configWith([NIGHTLY]))
      await d.tick()
      await d.idle()
      const report = (await store.outbox.list({ all: true })).find((m) => m.kind === 'morning_report')
      expect(report?.subject).toBe(
        'Morgonrapport 2026-11-24: 1 av 3 kontroller avvek, 2 kördes inte i natt · Testregionen',
      )
      const lines = report?.text.split('\n') ?? []
      expect(lines[0]).toBe('1 av 3 kontroller avvek, 2 kördes inte i natt')
      expect(lines[1]).toBe(
        'Nattens laddning blev klar 2026-11-23 03:10. Kontrollerna kördes 2026-11-24 07:15 (klar).',
      )
      expect((await store.claims.list('morning-report'))[0]).toMatchObject({
        slot: '2026-11-24T07:00',
        status: 'done',
      })
      // The late load comes first; the checks it held back last ran the night before, and the report says so.
      expect(report?.text).toMatch(
        /\n✗ Nattens laddning blev klar i tid — laddningen: blev inte klar i tid · –––––✓✗ · ny i natt\n/,
      )
      expect(report?.text).toMatch(
        /\n– Every patient reaches the reporting copy — kördes inte i natt \(senast 2026-11-23\) · –––––✗–\n/,
      )
      expect(report?.html).toContain('1 av 3 kontroller avvek')
      expect(report?.recipients).toEqual(['ledning@region.example'])
      await d.stop()
    })

    it('never runs one night twice when two daemons share the store, nor after a restart', async () => {
      await scenario.target.exec(
        `INSERT INTO etl.load_log VALUES (TIMESTAMP '2026-11-25 03:05:00', 'succeeded');`,
      )
      clock.set('2026-11-25T03:20:00Z')
      const second = engine.name === 'pglite' ? store : await ResultsStore.open(storeConfig)
      try {
        const a = daemon(configWith([NIGHTLY]), store, 'daemon-a')
        const b = daemon(configWith([NIGHTLY]), second, 'daemon-b')
        await Promise.all([a.tick(), b.tick()])
        await Promise.all([a.idle(), b.idle()])
        const restarted = daemon(configWith([NIGHTLY]), store, 'daemon-c')
        await restarted.tick()
        await restarted.idle()
        await Promise.all([a.stop(), b.stop(), restarted.stop()])
      } finally {
        if (second !== store) await second.close()
      }
      const claims = (await store.claims.list('nightly')).filter((c) => c.slot === '2026-11-25T04:15')
      expect(claims).toHaveLength(1)
      expect((await scheduledRuns()).filter((r) => r.startedAt.startsWith('2026-11-25'))).toHaveLength(1)
    })

    it('runs a 02:30 schedule once on the autumn night, at 02:59 CEST and again at 02:59 CET', async () => {
      const dst: ScheduledRunConfig = { name: 'dst', cron: '30 2 * * *', checks: ['units'] }
      clock.set('2026-10-25T00:59:00Z')
      const first = daemon(configWith([dst]))
      await first.tick()
      await first.idle()
      await first.stop()
      clock.set('2026-10-25T01:59:00Z')
      const again = daemon(configWith([dst]))
      await again.tick()
      await again.idle()
      await again.stop()
      expect((await store.claims.list('dst')).map((c) => [c.slot, c.status])).toEqual([
        ['2026-10-25T02:30', 'done'],
      ])
    })

    it('runs a 02:30 schedule once on the spring night, when 03:30 CEST comes', async () => {
      const dst: ScheduledRunConfig = { name: 'dst', cron: '30 2 * * *', checks: ['units'] }
      for (const at of [
        '2026-03-29T00:59:00Z',
        '2026-03-29T01:00:00Z',
        '2026-03-29T01:30:00Z',
        '2026-03-29T01:59:00Z',
      ]) {
        clock.set(at)
        const d = daemon(configWith([dst]))
        await d.tick()
        await d.idle()
        await d.stop()
      }
      const spring = (await store.claims.list('dst')).filter((c) => c.slot.startsWith('2026-03-29'))
      expect(spring.map((c) => [c.slot, new Date(c.due_at).toISOString(), c.status])).toEqual([
        ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z', 'done'],
      ])
    })

    it('on SIGTERM mid-run takes up no further check and records the run as aborted', async () => {
      clock.set('2026-11-26T03:20:00Z')
      const oneAtATime = configWith([{ name: 'stop', cron: '15 4 * * *' }], (c) => ({
        ...c,
        maxConcurrentQueries: 1,
      }))
      const d = daemon(oneAtATime)
      const stopped = new Promise<void>((resolve) => d.once('check-started', () => resolve(d.stop())))
      await d.tick()
      await stopped
      const [claim] = await store.claims.list('stop')
      expect(claim?.status).toBe('aborted')
      const run = (await store.recentRuns(100)).find((r) => r.runId === claim?.run_id)
      expect(run?.status).toBe('aborted')
      expect(run?.finishedAt).not.toBeNull()
      const results = await store.resultsOfRun(claim?.run_id ?? '')
      expect(new Set(results.map((r) => r.check))).toEqual(new Set(['patients']))
      expect(claim?.note).toBe('aborted; not started: units')
    })
  })
}
