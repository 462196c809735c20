import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/types.js'
import { Daemon, type DaemonEvents } from '../../src/scheduler/daemon.js'
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

// Two daemons on one store need a store that serves two processes at once: PostgreSQL only (PGlite is one process).
const postgres = availableEngines().find((e) => e.name === 'postgres')
if (postgres === undefined) console.warn('SKIPPED two-daemon scheduler tests: TEST_POSTGRES_URL is not set')

describe.skipIf(postgres === undefined)('two reconcile daemons on one PostgreSQL store', () => {
  let dir: TempDir
  let scenario: Scenario
  let storeConfig: Config['store']
  let cleanupStore: () => Promise<void>
  let storeA: ResultsStore
  let storeB: ResultsStore
  let config: Config
  const clock = new TestClock('2026-11-23T03:20:00Z')
  const lines: string[] = []

  const daemon = (store: ResultsStore, owner: string) =>
    new Daemon({
      config,
      loadDefinitions: async () => scenario.definitions,
      store,
      clock,
      log: (line) => lines.push(`${owner}: ${line}`),
      owner,
      sleep: noSleep,
    })

  /** Holds an exclusive lock on the source's unit table, so a run's `units` query waits until `release()`. */
  async function lockUnits(): Promise<{ release(): Promise<void> }> {
    const client = new pg.Client({ connectionString: scenario.source.location })
    await client.connect()
    await client.query('BEGIN')
    await client.query('LOCK TABLE src.unit IN ACCESS EXCLUSIVE MODE')
    return {
      async release() {
        await client.query('ROLLBACK')
        await client.end()
      },
    }
  }

  /** Resolves with the first `event` of any of `daemons`. */
  const firstOf = <E extends keyof DaemonEvents>(event: E, daemons: readonly Daemon[]) =>
    new Promise<DaemonEvents[E]>((resolve) => {
      for (const d of daemons) d.once(event, ((...args: DaemonEvents[E]) => resolve(args)) as never)
    })

  const reports = async () =>
    (await storeA.outbox.list({ all: true })).filter((m) => m.kind === 'morning_report')

  beforeAll(async () => {
    if (postgres === undefined) return
    dir = await tempDir()
    scenario = await createScenario(postgres, dir)
    const created = await createStore(postgres, dir, 'store')
    storeConfig = created.config
    cleanupStore = created.cleanup
    storeA = await ResultsStore.open(storeConfig)
    storeB = await ResultsStore.open(storeConfig)
    const base = scenarioConfig(scenario, storeConfig, testMail({ kind: 'eml', dir: `${dir.path}/mail` }))
    config = {
      ...base,
      schedule: {
        runs: [{ name: 'nightly', cron: '15 4 * * *' }],
        catchUpMs: 6 * 3_600_000,
        morningReport: { cron: '0 7 * * *' },
      },
    }
  })
  afterAll(async () => {
    await storeA?.close()
    await storeB?.close()
    await scenario?.cleanup()
    await cleanupStore?.()
    await dir?.remove()
  })

  it("holds the morning report while the other daemon's run is in progress, then reports that run", async () => {
    const lock = await lockUnits()
    const a = daemon(storeA, 'daemon-a')
    const b = daemon(storeB, 'daemon-b')
    // The run records its start when it takes up its first check; the clock moves on only after that.
    const started = new Promise<void>((resolve) => a.once('check-started', () => resolve()))
    try {
      await a.tick()
      expect((await storeA.claims.list('nightly'))[0]).toMatchObject({
        slot: '2026-11-23T04:15',
        status: 'claimed',
        claimed_by: 'daemon-a',
      })
      await started

      // 07:00 in Stockholm: the report is due on daemon B, which did not win the night.
      clock.set('2026-11-23T06:00:00Z')
      const waiting: DaemonEvents['report-waiting'][] = []
      b.on('report-waiting', (...args) => waiting.push(args))
      await b.tick()
      expect(waiting).toHaveLength(1)
      const [slot, run] = waiting[0] ?? []
      expect(slot?.slot).toBe('2026-11-23T07:00')
      expect(run).toMatchObject({ schedule: 'nightly', slot: '2026-11-23T04:15', claimedBy: 'daemon-a' })
      expect(await reports()).toEqual([])
      expect(await storeA.claims.list('morning-report')).toEqual([])
      expect(lines).toContain(
        'daemon-b: morning report 2026-11-23T07:00 waits for nightly 2026-11-23T04:15 (claimed by daemon-a), at most until 2026-11-23T11:55:00.000Z',
      )

      const queued = firstOf('report-queued', [a, b])
      await lock.release()
      await queued
      await Promise.all([a.idle(), b.idle()])
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
    const [report, ...more] = await reports()
    expect(more).toEqual([])
    expect(report?.subject).toBe('Morgonrapport 2026-11-23: 1 av 2 kontroller avvek · Testregionen')
    const text = report?.text.split('\n') ?? []
    expect(text[0]).toBe('1 av 2 kontroller avvek')
    expect(text[1]).toMatch(/ Kontrollerna kördes 2026-11-23 04:20 \(klar\)\.$/)
    expect(report?.text).toMatch(/\n✓ Units match — antal rader stämmer · ––––––✓\n/)
    expect((await storeA.claims.list('nightly'))[0]?.status).toBe('done')
    expect((await storeA.claims.list('morning-report'))[0]).toMatchObject({
      slot: '2026-11-23T07:00',
      status: 'done',
    })
  })

  it('when the run is still going as the catch-up window closes, queues the report saying so', async () => {
    clock.set('2026-11-24T03:20:00Z')
    const lock = await lockUnits()
    const a = daemon(storeA, 'daemon-a')
    const b = daemon(storeB, 'daemon-b')
    let released = false
    try {
      await a.tick()
      // The limit: the report's catch-up window (6 h after 07:00) less five minutes, so it is still taken.
      clock.set('2026-11-24T11:55:00Z')
      const queued = firstOf('report-queued', [b])
      await b.tick()
      const [slot, subject] = await queued
      expect(slot.slot).toBe('2026-11-24T07:00')
      expect(subject).toBe(
        'Morgonrapport 2026-11-24: KÖRNINGEN nightly INTE KLAR (pågår sedan 2026-11-24 04:20) · Testregionen',
      )
      expect((await storeA.claims.list('nightly'))[0]).toMatchObject({
        slot: '2026-11-24T04:15',
        status: 'claimed',
      })
      await lock.release()
      released = true
      await a.idle()
    } finally {
      if (!released) await lock.release()
      await Promise.all([a.stop(), b.stop()])
    }
    const ofNight = (await reports()).filter((m) => m.subject.includes('2026-11-24'))
    expect(ofNight).toHaveLength(1)
    expect(ofNight[0]?.text.split('\n')[0]).toBe(
      'Nattens körning är inte klar: KÖRNINGEN nightly INTE KLAR (pågår sedan 2026-11-24 04:20)',
    )
    expect((await storeA.claims.list('nightly'))[0]?.status).toBe('done')
  })
})
