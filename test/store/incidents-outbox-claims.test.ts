import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreConfig } from '../../src/config/types.js'
import { isProcessAlive } from '../../src/pipeline/run-and-notify.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines } from '../support/engines.js'
import { createStore } from '../support/notify-scenario.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/** The pid of a process that has exited, so no process has it now (until the OS reuses it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

const message = (key: string) => ({
  messageId: `${key}-0000-0000`,
  dedupeKey: key,
  purpose: 'alerts' as const,
  kind: 'incident_opened',
  recipients: ['a@region.example'],
  subject: key,
  text: 'text',
  html: '<p>html</p>',
  attachments: [],
})

for (const engine of availableEngines({
  pgOnly: 'the engine hosts the results store, which is PostgreSQL or PGlite',
})) {
  describe(`store: incidents, outbox and claims on ${engine.name}`, () => {
    let dir: TempDir
    let config: StoreConfig
    let cleanup: () => Promise<void>
    let store: ResultsStore
    beforeAll(async () => {
      dir = await tempDir()
      ;({ config, cleanup } = await createStore(engine, dir, 'store'))
      store = await ResultsStore.open(config)
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
      await dir?.remove()
    })

    it('marks a run left running by a crashed process as aborted at the next start, and leaves live ones alone', async () => {
      const base = { installation: 'x', host: hostname(), trigger: 'test', toolVersion: '0', checks: 1 }
      await store.insertRun({ ...base, runId: 'crashed', startedAt: '2026-11-23T03:00:00Z', pid: deadPid() })
      await store.insertRun({ ...base, runId: 'alive', startedAt: '2026-11-23T03:00:00Z', pid: process.pid })
      await store.insertRun({
        ...base,
        runId: 'old-other-host',
        startedAt: '2026-11-20T03:00:00Z',
        host: 'elsewhere',
        pid: 1,
      })
      const marked = await store.abortOrphanedRuns({
        host: hostname(),
        isAlive: isProcessAlive,
        staleBefore: '2026-11-22T04:00:00Z',
        now: '2026-11-23T04:00:00Z',
      })
      expect(marked.sort()).toEqual(['crashed', 'old-other-host'])
      const runs = await store.recentRuns(10)
      expect(Object.fromEntries(runs.map((r) => [r.runId, r.status]))).toEqual({
        crashed: 'aborted',
        alive: 'running',
        'old-other-host': 'aborted',
      })
    })

    it('queues a message once per dedupe key and lets only one sender take it', async () => {
      const now = '2026-11-23T04:00:00.000Z'
      expect(await store.outbox.enqueue(message('k1'), now)).toBe(true)
      expect(await store.outbox.enqueue(message('k1'), now)).toBe(false)
      const take = () =>
        store.outbox.takeDue({ now, lockedUntil: '2026-11-23T04:10:00.000Z', owner: 'me', limit: 10 })
      expect((await take()).map((m) => m.dedupeKey)).toEqual(['k1'])
      expect(await take()).toEqual([])
      await store.outbox.markAttemptFailed('k1-0000-0000', now, 'down', null)
      expect((await store.outbox.list()).map((m) => [m.status, m.attempts, m.lastError])).toEqual([
        ['failed', 1, 'down'],
      ])
      expect(await store.outbox.requeueFailed(now, 'k1')).toBe(1)
      expect((await take()).map((m) => m.status)).toEqual(['pending'])
    })

    it('lists and hands out messages queued in one millisecond in the order they were queued', async () => {
      // Neither alphabetical nor by message id, so only the order of queueing can produce it.
      const keys = ['same-c', 'same-a', 'same-e', 'same-b', 'same-d']
      const now = '2026-11-23T05:00:00.000Z'
      for (const key of keys) expect(await store.outbox.enqueue(message(key), now)).toBe(true)
      const ours = (messages: readonly { dedupeKey: string }[]) =>
        messages.map((m) => m.dedupeKey).filter((k) => k.startsWith('same-'))
      expect(ours(await store.outbox.list())).toEqual(keys)
      expect(ours(await store.outbox.list({ all: true }))).toEqual([...keys].reverse())
      const taken = await store.outbox.takeDue({
        now,
        lockedUntil: '2026-11-23T05:10:00.000Z',
        owner: 'me',
        limit: 10,
      })
      expect(ours(taken)).toEqual(keys)
    })

    it('gives a slot to exactly one claimant, and again only after it was released', async () => {
      const claim = (by: string) =>
        store.claims.claim({
          schedule: 'nightly',
          slot: '2026-11-23T04:15',
          dueAt: '2026-11-23T03:15:00Z',
          claimedBy: by,
          claimedAt: '2026-11-23T03:15:00Z',
        })
      const won = await Promise.all([claim('a'), claim('b'), claim('c')])
      expect(won.filter(Boolean)).toHaveLength(1)
      expect(await claim('d')).toBe(false)
      await store.claims.finish('nightly', '2026-11-23T04:15', {
        status: 'released',
        at: '2026-11-23T03:20:00Z',
      })
      expect(await claim('e')).toBe(true)
      await store.claims.finish('nightly', '2026-11-23T04:15', { status: 'done', at: '2026-11-23T03:30:00Z' })
      expect(await claim('f')).toBe(false)
    })
  })
}
