import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config, WebhookConfig } from '../../src/config/types.js'
import { closeChannels, configuredChannels } from '../../src/notify/channels.js'
import { deliverOutbox } from '../../src/notify/deliver.js'
import { webhookChannel } from '../../src/notify/webhook-channel.js'
import { renderNotifications } from '../../src/cli/render.js'
import { type NotifiedRun, runAndNotify } from '../../src/pipeline/run-and-notify.js'
import { captureIo } from '../support/capture-io.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines } from '../support/engines.js'
import { noSleep } from '../support/fixtures.js'
import {
  createScenario,
  createStore,
  type Scenario,
  SENTINEL_DIGITS,
  SENTINEL_PNR,
  scenarioConfig,
  TestClock,
  testMail,
} from '../support/notify-scenario.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'
import { closedPort, WebhookEndpoint } from '../support/webhook-endpoint.js'

const DAY = 86_400_000

const pglite = availableEngines().find((e) => e.name === 'pglite')

describe.skipIf(pglite === undefined)('webhook channel against a local HTTP server', () => {
  let dir: TempDir
  let scenario: Scenario
  let store: { config: Config['store']; cleanup: () => Promise<void> }
  let config: Config
  let hook: WebhookConfig
  const endpoint = new WebhookEndpoint()
  const clock = new TestClock('2026-11-23T03:30:00Z')

  const run = (options: { config?: Config } = {}): Promise<NotifiedRun> =>
    runAndNotify({
      config: options.config ?? config,
      definitions: scenario.definitions,
      trigger: 'test',
      now: clock.now,
      sleep: noSleep,
    })
  const withStore = async <T>(use: (s: ResultsStore) => Promise<T>): Promise<T> => {
    const s = await ResultsStore.open(config.store)
    try {
      return await use(s)
    } finally {
      await s.close()
    }
  }
  const webhookRows = () =>
    withStore(async (s) => (await s.outbox.list({ all: true })).filter((m) => m.channel === 'webhook:teams'))
  const deliver = async () => {
    const channels = configuredChannels(config)
    try {
      return await withStore((s) => deliverOutbox({ store: s, channels, now: clock.now }))
    } finally {
      closeChannels(channels)
    }
  }

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    scenario = await createScenario(pglite, dir)
    store = await createStore(pglite, dir, 'store')
    const port = await endpoint.start()
    hook = {
      name: 'teams',
      url: `http://127.0.0.1:${port}/hooks/secret-token`,
      events: ['incident_opened', 'incident_reminder', 'incident_resolved'],
      headers: { authorization: 'Bearer hook-token' },
      timeoutMs: 5_000,
      retry: { initialDelayMs: 60_000, maxDelayMs: 3_600_000, attempts: 5 },
    }
    config = {
      ...scenarioConfig(scenario, store.config, testMail({ kind: 'eml', dir: `${dir.path}/mail` })),
      webhooks: [hook],
      publicUrl: 'https://reconcile.region.example',
    }
  })
  afterAll(async () => {
    await endpoint.stop()
    await scenario?.cleanup()
    await store?.cleanup()
    await dir?.remove()
  })

  it('POSTs the opened incident as JSON; after a 500 it is retried and delivered exactly once', async () => {
    endpoint.answers.push(500)
    const done = await run()
    const opened = done.incidents?.opened[0]
    expect(opened?.checkId).toBe('patients')
    expect(done.delivery?.sent.map((s) => s.message.channel)).toEqual(['mail', 'mail'])
    expect(done.delivery?.failed.map((f) => [f.message.channel, f.error])).toEqual([
      [
        'webhook:teams',
        `webhook teams (127.0.0.1:${new URL(hook.url).port}) answered HTTP 500: endpoint is down for maintenance`,
      ],
    ])
    expect(endpoint.received).toHaveLength(1)
    // The terminal names each channel: with a webhook beside mail, the line is not "Mail: … sent to <mail only>".
    const io = captureIo()
    expect(renderNotifications(io, done)).toContain(
      `Messages: 2 sent via mail (.eml files in ${dir.path}/mail), webhook teams (127.0.0.1:${new URL(hook.url).port}), 1 failed and stays in the outbox.`,
    )
    const [first] = endpoint.received
    expect(first?.path).toBe('/hooks/secret-token')
    expect(first?.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(first?.headers.authorization).toBe('Bearer hook-token')
    // patients has four assertions; three fail (the mail's subject says so: "+2 till").
    expect(first?.body).toEqual({
      event: 'incident_opened',
      text:
        '[AVVIKELSE] patients: row_count: 1 rad saknas i målet (−2,5\u00a0%) +2 till · Testregionen\n' +
        '• row_count: 1 rad saknas i målet (−2,5\u00a0%)\n' +
        '• row_count by municipality: 1 rad saknas i målet (1 av 2 grupper skiljer)\n' +
        '• distinct_count(pnr): −1 (−2,5\u00a0%)\n' +
        'https://reconcile.region.example/sv/checks/patients',
      installation: 'Testregionen',
      check: { id: 'patients', title: 'Every patient reaches the reporting copy' },
      status: 'fail',
      counts: { pass: 1, fail: 3, error: 0 },
      incident: {
        id: opened?.incidentId,
        status: 'open',
        openedAt: opened?.openedAt,
        resolvedAt: null,
        occurrences: 1,
        reminders: 0,
        failing: opened?.failing,
      },
      runId: done.runId,
      at: clock.now().toISOString(),
      storedLate: false,
      findings: expect.any(Array) as unknown,
      link: 'https://reconcile.region.example/sv/checks/patients',
    })
    // The same findings as the alert mail: counts and groups, never a row value.
    const findings = (first?.body as { findings: Array<Record<string, unknown>> }).findings
    expect(findings.map((f) => [f.assertion, f.counts])).toEqual([
      ['row_count', { missing: '1', extra: '0', lowerBound: false }],
      ['row_count by municipality', { missing: '1', extra: '0', lowerBound: false }],
      ['distinct_count(pnr)', null],
    ])
    expect(findings[1]).toMatchObject({
      groups: [{ group: { municipality: 'Umeå' }, source: '20', target: '19' }],
      moreGroups: 0,
      sampleKeys: [],
    })
    expect(findings[1]?.checkFirst).toMatch(/^Titta först på grupperna nedan \(per municipality\)/)

    const [pending] = await webhookRows()
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, kind: 'incident_opened' })
    expect(pending?.lastError).toMatch(/HTTP 500/)
    expect(pending?.nextAttemptAt).toBe(new Date(clock.now().getTime() + 60_000).toISOString())

    expect((await deliver()).sent).toEqual([])
    clock.advance(60_000)
    const retried = await deliver()
    expect(retried.sent.map((s) => [s.message.channel, s.via])).toEqual([
      ['webhook:teams', `webhook teams (127.0.0.1:${new URL(hook.url).port}): HTTP 200`],
    ])
    clock.advance(DAY)
    expect((await deliver()).sent).toEqual([])
    expect(await run()).toMatchObject({ incidents: { opened: [], queued: 0 } })

    expect(endpoint.received).toHaveLength(2)
    const [again] = endpoint.received.slice(1)
    expect(again?.body).toEqual(first?.body)
    expect(again?.headers['x-reconcile-message-id']).toBe(first?.headers['x-reconcile-message-id'])
    expect((await webhookRows()).map((m) => [m.status, m.attempts, m.lastError])).toEqual([['sent', 2, null]])
  })

  it('POSTs the resolution when the check passes again', async () => {
    await scenario.fix()
    clock.advance(DAY)
    const done = await run()
    expect(done.incidents?.resolved.map((i) => i.checkId)).toEqual(['patients'])
    expect(done.delivery?.failed).toEqual([])
    const last = endpoint.received.at(-1)
    expect(last?.body).toMatchObject({
      event: 'incident_resolved',
      status: 'pass',
      counts: { fail: 0, error: 0 },
      incident: { status: 'resolved', resolvedAt: clock.now().toISOString() },
    })
    expect(String(last?.body.text)).toMatch(
      /^\[ÅTGÄRDAT\] patients: godkänd igen efter 2 d 0 h · Testregionen\n/,
    )
  })

  it('keeps the notification pending with the error when the endpoint cannot be reached', async () => {
    const unreachable = { ...hook, url: `http://127.0.0.1:${await closedPort()}/hooks/secret-token` }
    const before = endpoint.received.length
    await scenario.breakAgain()
    clock.advance(DAY)
    const done = await run({ config: { ...config, webhooks: [unreachable] } })
    expect(done.incidents?.opened.map((i) => i.checkId)).toEqual(['patients'])
    expect(done.delivery?.failed.map((f) => f.message.channel)).toEqual(['webhook:teams'])
    const pending = (await webhookRows()).filter((m) => m.status === 'pending')
    expect(pending.map((m) => [m.kind, m.attempts])).toEqual([['incident_opened', 1]])
    expect(pending[0]?.lastError).toMatch(
      /^webhook teams \(127\.0\.0\.1:\d+\): request failed: .*ECONNREFUSED/,
    )
    expect(pending[0]?.lastError).not.toContain('secret-token')
    expect(endpoint.received).toHaveLength(before)
  })

  it('gives up on a request that gets no answer within the timeout, and sends it on a later attempt', async () => {
    const [pending] = (await webhookRows()).filter((m) => m.status === 'pending')
    const channels = [webhookChannel({ ...hook, timeoutMs: 300 })]
    const attempt = () => withStore((s) => deliverOutbox({ store: s, channels, now: clock.now }))
    const before = endpoint.received.length
    endpoint.hang = true
    clock.advance(60_000)
    const hung = await attempt()
    expect(hung.failed.map((f) => f.error)).toEqual([
      expect.stringMatching(/^webhook teams \(127\.0\.0\.1:\d+\): request failed: .*timeout/),
    ])
    expect(endpoint.received).toHaveLength(before + 1)
    endpoint.hang = false
    clock.advance(120_000)
    expect((await attempt()).sent.map((s) => s.message.messageId)).toEqual([pending?.messageId])
    expect((await webhookRows()).find((m) => m.messageId === pending?.messageId)).toMatchObject({
      status: 'sent',
      attempts: 3,
    })
  })

  it('never lets the planted personal identity number out: not in a request nor in the outbox', async () => {
    const outbox = await withStore(async (s) => JSON.stringify(await s.outbox.list({ all: true })))
    const requests = JSON.stringify(endpoint.received)
    for (const text of [outbox, requests]) {
      expect(text).not.toContain(SENTINEL_PNR)
      expect(text).not.toContain(SENTINEL_DIGITS)
      expect(text).not.toContain('121212-1212')
    }
    expect(endpoint.received.length).toBeGreaterThanOrEqual(3)
  })
})
