/**
 * The morning report as an event: six nights of real runs on PGlite (two passing, one without a run, three with a
 * row missing), then the report queued through the outbox to both channels, the mail read back from the real
 * in-process SMTP server and the webhook's JSON from a local HTTP server, in Swedish and in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/types.js'
import { closeChannels, configuredChannels } from '../../src/notify/channels.js'
import { deliverOutbox } from '../../src/notify/deliver.js'
import { queueMorningReport } from '../../src/notify/queue-report.js'
import { runAndNotify } from '../../src/pipeline/run-and-notify.js'
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
import { inboxTransport, type ReceivedMail, SmtpInbox } from '../support/smtp-inbox.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'
import { WebhookEndpoint } from '../support/webhook-endpoint.js'

const DAY = 86_400_000
const pglite = availableEngines().find((e) => e.name === 'pglite')

describe.skipIf(pglite === undefined)('the morning report through mail and a webhook', () => {
  let dir: TempDir
  let scenario: Scenario
  let store: { config: Config['store']; cleanup: () => Promise<void> }
  let config: Config
  /** One open store for every run and report: opening PGlite is the slow part. */
  let open: ResultsStore
  const inbox = new SmtpInbox()
  const endpoint = new WebhookEndpoint()
  // 04:30 in Stockholm, the first night of the week the report looks back on.
  const clock = new TestClock('2026-11-18T03:30:00Z')

  const night = async () => {
    const done = await runAndNotify({
      config,
      store: open,
      definitions: scenario.definitions,
      trigger: 'test',
      now: clock.now,
      sleep: noSleep,
    })
    expect(done.aborted).toBe(false)
    clock.advance(DAY)
  }

  /** Queues the report as of 07:00 local under `key` in `language`, sends the outbox, returns the mail and JSON. */
  const report = async (key: string, language: 'sv' | 'en') => {
    const configured = { ...config, locale: language }
    const channels = configuredChannels(configured)
    const s = open
    const mailsBefore = inbox.received.length
    const postsBefore = endpoint.received.length
    try {
      const queued = await queueMorningReport({
        store: s,
        config: configured,
        channels,
        definitions: scenario.definitions,
        now: clock.now(),
        key,
      })
      const delivery = await deliverOutbox({ store: s, channels, now: clock.now })
      expect(delivery.failed).toEqual([])
      const mails = await inbox.waitFor(mailsBefore + 1)
      const mail = mails.slice(mailsBefore).find((m) => m.envelopeTo.includes('ledning@region.example'))
      const rows = (await s.outbox.list({ all: true })).filter((m) => m.dedupeKey.startsWith(key))
      return { queued, mail, body: endpoint.received[postsBefore]?.body, rows }
    } finally {
      closeChannels(channels)
    }
  }

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    scenario = await createScenario(pglite, dir)
    store = await createStore(pglite, dir, 'store')
    const smtpPort = await inbox.start()
    const hookPort = await endpoint.start()
    config = {
      ...scenarioConfig(scenario, store.config, testMail(inboxTransport(smtpPort))),
      webhooks: [
        {
          name: 'teams',
          url: `http://127.0.0.1:${hookPort}/hooks/secret-token`,
          events: ['incident_opened', 'morning_report'],
          headers: {},
          timeoutMs: 5_000,
          retry: { initialDelayMs: 60_000, maxDelayMs: 3_600_000, attempts: 5 },
        },
      ],
      publicUrl: 'https://reconcile.region.example',
    }
    open = await ResultsStore.open(config.store)
    // 18th and 19th: the missing row is loaded, all passes; 20th: no run; 21st to 23rd: the row is missing again.
    await scenario.fix()
    await night()
    await night()
    clock.advance(DAY)
    await scenario.breakAgain()
    await night()
    await night()
    await night()
    clock.set('2026-11-23T06:00:00Z')
    // Five runs on three PGlite databases: slow on a loaded machine, not stuck.
  }, 600_000)
  afterAll(async () => {
    await open?.close()
    await inbox.stop()
    await endpoint.stop()
    await scenario?.cleanup()
    await store?.cleanup()
    await dir?.remove()
  })

  const noDataNoJargon = (mail: ReceivedMail | undefined) => {
    for (const part of [mail?.subject, mail?.text, mail?.html]) {
      expect(part).not.toContain(SENTINEL_PNR)
      expect(part).not.toContain(SENTINEL_DIGITS)
      // Assertion kinds and the runner's English messages are not for management.
      expect(part).not.toMatch(/row_count|aggregate|checksum|freshness|distinct_count|null_count|pnr/)
    }
  }

  it('in Swedish: verdict first, one line per check with its nights and streak, in plain words', async () => {
    const { queued, mail, rows } = await report('report:sv', 'sv')
    expect(queued.queued).toBe(2)
    const byChannel = [...rows].sort((a, b) => a.channel.localeCompare(b.channel))
    expect(byChannel.map((r) => [r.channel, r.dedupeKey, r.purpose, r.status])).toEqual([
      ['mail', 'report:sv:report', 'report', 'sent'],
      ['webhook:teams', 'report:sv:webhook:teams', 'report', 'sent'],
    ])
    expect(mail?.subject).toBe('Morgonrapport 2026-11-23: 1 av 2 kontroller avvek · Testregionen')
    const lines = mail?.text.split(/\r?\n/) ?? []
    expect(lines[0]).toBe('1 av 2 kontroller avvek')
    // The scenario has no load log and no cutoff: the report says it does not know, rather than guess.
    expect(lines[1]).toBe(
      'När nattens laddning blev klar är inte känt. Kontrollerna kördes 2026-11-23 04:30 (klar).',
    )
    const patients = lines.find((l) => l.includes('Every patient reaches the reporting copy'))
    const units = lines.find((l) => l.includes('Units match'))
    // The check that differs comes first; its nights are 17th (none) … 23rd, oldest first.
    expect(lines.indexOf(patients ?? '')).toBeLessThan(lines.indexOf(units ?? ''))
    expect(patients).toMatch(/^✗ Every patient reaches the reporting copy — antal rader: 1 rad saknas/)
    expect(patients).toMatch(/ · –✓✓–✗✗✗ · avviker 3:e natten i rad$/)
    expect(units).toBe('✓ Units match — antal rader stämmer · –✓✓–✓✓✓')
    expect(mail?.text).not.toMatch(/\b1 rader\b/)
    noDataNoJargon(mail)
    expect(mail?.html).toContain('avviker 3:e natten i rad')
    expect(mail?.html).toContain('<html lang="sv">')
  })

  it('posts a JSON summary of the same report to the webhook, in the configured language', async () => {
    const { body } = await report('report:sv-hook', 'sv')
    expect(body).toMatchObject({
      event: 'morning_report',
      installation: 'Testregionen',
      date: '2026-11-23',
      verdict: 'failed',
      counts: { checks: 2, passed: 1, failed: 1, errors: 0, notRun: 0 },
      unfinishedRun: null,
      link: 'https://reconcile.region.example/sv/',
    })
    const checks = (body as { checks: Array<Record<string, unknown>> }).checks
    expect(checks.map((c) => [c.id, c.status, c.nights])).toEqual([
      ['patients', 'fail', [null, 'pass', 'pass', null, 'fail', 'fail', 'fail']],
      ['units', 'pass', [null, 'pass', 'pass', null, 'pass', 'pass', 'pass']],
    ])
    const text = String((body as { text: unknown }).text).split('\n')
    // What Teams shows: the subject, the check to act on, the link; not the one that passed.
    expect(text[0]).toBe('Morgonrapport 2026-11-23: 1 av 2 kontroller avvek · Testregionen')
    expect(text[1]).toMatch(
      /^Every patient reaches the reporting copy: antal rader: 1 rad saknas.* · avviker 3:e natten i rad$/,
    )
    expect(text.at(-1)).toBe('https://reconcile.region.example/sv/')
    expect(text).toHaveLength(3)
    expect(JSON.stringify(body)).not.toContain(SENTINEL_PNR)
  })

  it('in English: the same report, English words and number format, correct plurals and ordinals', async () => {
    const { mail, body } = await report('report:en', 'en')
    expect(mail?.subject).toBe('Morning report 2026-11-23: 1 of 2 checks differed · Testregionen')
    const lines = mail?.text.split(/\r?\n/) ?? []
    expect(lines[0]).toBe('1 of 2 checks differed')
    const patients = lines.find((l) => l.includes('Every patient reaches the reporting copy'))
    expect(patients).toMatch(/^✗ Every patient reaches the reporting copy — row counts: 1 row missing/)
    expect(patients).toMatch(/ · –✓✓–✗✗✗ · differing for the 3rd night running$/)
    expect(lines).toContain('✓ Units match — row counts agree · –✓✓–✓✓✓')
    expect(mail?.text).not.toMatch(/antal|stämmer|avviker|natten/)
    noDataNoJargon(mail)
    expect((body as { link?: string }).link).toBe('https://reconcile.region.example/en/')
  })

  it('once the row is back: every check passed, said first, and the check that differed is passing again', async () => {
    await scenario.fix()
    clock.set('2026-11-24T03:30:00Z')
    await night()
    clock.set('2026-11-24T06:00:00Z')
    const { mail, body } = await report('report:fixed', 'sv')
    expect(mail?.subject).toBe('Morgonrapport 2026-11-24: Alla 2 kontroller stämde i natt · Testregionen')
    const lines = mail?.text.split(/\r?\n/) ?? []
    expect(lines[0]).toBe('Alla 2 kontroller stämde i natt')
    expect(lines).toContain(
      '✓ Every patient reaches the reporting copy — antal rader och belopp stämmer · ✓✓–✗✗✗✓ · stämmer igen',
    )
    expect(body).toMatchObject({ verdict: 'allPassed', counts: { checks: 2, passed: 2, failed: 0 } })
    // Nothing to act on: Teams shows the subject and the link only.
    expect(String((body as { text: unknown }).text).split('\n')).toHaveLength(2)
  })

  it('a webhook that does not subscribe to the report gets none, and the mail still goes', async () => {
    const hookOnlyIncidents = {
      ...config,
      webhooks: config.webhooks.map((w) => ({ ...w, events: ['incident_opened' as const] })),
    }
    const channels = configuredChannels(hookOnlyIncidents)
    const s = open
    try {
      const queued = await queueMorningReport({
        store: s,
        config: hookOnlyIncidents,
        channels,
        definitions: scenario.definitions,
        now: clock.now(),
        key: 'report:mail-only',
      })
      expect(queued.queued).toBe(1)
      const rows = (await s.outbox.list({ all: true })).filter((m) =>
        m.dedupeKey.startsWith('report:mail-only'),
      )
      expect(rows.map((r) => r.channel)).toEqual(['mail'])
      // Queued again under the same key (a retried cron job): nothing more.
      const again = await queueMorningReport({
        store: s,
        config: hookOnlyIncidents,
        channels,
        definitions: scenario.definitions,
        now: clock.now(),
        key: 'report:mail-only',
      })
      expect(again.queued).toBe(0)
    } finally {
      closeChannels(channels)
    }
  })
})
