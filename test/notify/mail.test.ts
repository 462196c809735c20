import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderNotifications, renderRun } from '../../src/cli/render.js'
import type { Config } from '../../src/config/types.js'
import { deliverOutbox } from '../../src/notify/deliver.js'
import { mailChannel } from '../../src/notify/mail-channel.js'
import { createTransport } from '../../src/notify/transport.js'
import { type NotifiedRun, runAndNotify } from '../../src/pipeline/run-and-notify.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { captureIo } from '../support/capture-io.js'
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
import { SmtpInbox, inboxTransport } from '../support/smtp-inbox.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const DAY = 86_400_000

for (const engine of availableEngines({
  pgOnly: 'the engine hosts the results store, which is PostgreSQL or PGlite',
})) {
  describe(`mail over real SMTP, store on ${engine.name}`, () => {
    let dir: TempDir
    let scenario: Scenario
    let store: { config: Config['store']; cleanup: () => Promise<void> }
    let config: Config
    const inbox = new SmtpInbox()
    const clock = new TestClock('2026-11-23T03:30:00Z')
    const log = captureIo()

    const run = async (): Promise<NotifiedRun> => {
      const done = await runAndNotify({
        config,
        definitions: scenario.definitions,
        trigger: 'test',
        now: clock.now,
        sleep: noSleep,
      })
      for (const line of [...renderRun(log, done, config.timezone), ...renderNotifications(log, done)])
        log.out(line)
      return done
    }
    const withStore = async <T>(use: (s: ResultsStore) => Promise<T>): Promise<T> => {
      const s = await ResultsStore.open(config.store)
      try {
        return await use(s)
      } finally {
        await s.close()
      }
    }

    beforeAll(async () => {
      dir = await tempDir()
      scenario = await createScenario(engine, dir)
      store = await createStore(engine, dir, 'store')
      const port = await inbox.start()
      config = scenarioConfig(scenario, store.config, testMail(inboxTransport(port)))
    })
    afterAll(async () => {
      await inbox.stop()
      await scenario?.cleanup()
      await store?.cleanup()
      await dir?.remove()
    })

    it('opens an incident on the first failure: an alert to the shared mailbox and a ticket to the vendor', async () => {
      const done = await run()
      expect(done.incidents?.opened.map((i) => i.checkId)).toEqual(['patients'])
      expect(done.delivery?.sent).toHaveLength(2)
      const [alert, ticket] = await inbox.waitFor(2)
      expect(alert?.envelopeTo).toEqual([
        'cosmic-forvaltning@region.example',
        'diver-forvaltning@region.example',
      ])
      expect(alert?.subject).toBe(
        '[AVVIKELSE] patients: row_count: 1 rad saknas i målet (−2,5\u00a0%) +2 till · Testregionen',
      )
      expect(alert?.text).toContain(
        'Kontrollen "Every patient reaches the reporting copy" (patients) hittade en avvikelse',
      )
      expect(alert?.text).toMatch(/row_count\s+AVVIKELSE\s+40 → 39\s+−1 \(−2,5\u00a0%\)/)
      expect(alert?.text).toContain('Leverantören har fått ett ärende med underlaget.')
      expect(alert?.html).toContain('<html lang="sv">')
      expect(alert?.html).toContain('hittade en avvikelse')
      expect(alert?.headers.get('from')).toContain('reconcile@region.example')

      expect(ticket?.envelopeTo).toEqual(['support@vendor.example'])
      expect(ticket?.subject).toMatch(
        /^\[ÄRENDE\] patients: row_count: 1 rad saknas i målet .* · Testregionen · [0-9a-f]{8}$/,
      )
      for (const part of [ticket?.text ?? '', ticket?.html ?? '']) {
        expect(part).toContain(done.runId)
        expect(part).toContain(scenario.definitions.find((d) => d.id === 'patients')?.hash)
        expect(part).toContain('FROM')
        expect(part).toContain('src')
      }
      expect(ticket?.text).toMatch(/municipality=Umeå: 20 → 19/)
      // The ticket carries the alert's findings, in Swedish only: no English result message.
      expect(ticket?.text).toContain('Rader: 1 saknas · 0 för mycket')
      expect(ticket?.text).not.toContain('rows than the source')
      const attachment = ticket?.attachments[0]
      expect(attachment?.contentType).toBe('application/json')
      const evidence = JSON.parse(attachment?.content ?? '{}') as {
        runId: string
        installation: string
        check: { id: string; definitionHash: string }
        assertions: Array<{ assertion: string; sql: { source: string }; durationsMs: { source: number } }>
        findings: Array<{ assertion: string; counts: unknown }>
      }
      expect(evidence.runId).toBe(done.runId)
      expect(evidence.findings.map((f) => [f.assertion, f.counts])).toEqual([
        ['row_count', { missing: '1', extra: '0', lowerBound: false }],
        ['row_count by municipality', { missing: '1', extra: '0', lowerBound: false }],
        ['distinct_count(pnr)', null],
      ])
      expect(evidence.installation).toBe('Testregionen')
      expect(evidence.assertions.map((a) => a.assertion)).toEqual([
        'row_count',
        'row_count by municipality',
        'distinct_count(pnr)',
        'null_count(pnr)',
      ])
      expect(evidence.assertions[0]?.sql.source).toMatch(/FROM "src"\."patient"/)
      expect(typeof evidence.assertions[0]?.durationsMs.source).toBe('number')
    })

    it('sends nothing more while the incident stays open', async () => {
      clock.advance(DAY)
      const done = await run()
      expect(done.incidents?.opened).toEqual([])
      expect(done.incidents?.updated.map((i) => i.checkId)).toEqual(['patients'])
      expect(done.incidents?.queued).toBe(0)
      expect(done.delivery?.sent).toEqual([])
      expect(inbox.received).toHaveLength(2)
      const [incident] = await withStore((s) => s.incidents.open())
      expect(incident).toMatchObject({ checkId: 'patients', occurrences: 2, lastStatus: 'fail' })
    })

    it('reminds the shared mailbox once the incident has been open for the configured days', async () => {
      clock.advance(3 * DAY)
      const done = await run()
      expect(done.incidents?.reminded.map((i) => i.checkId)).toEqual(['patients'])
      // One reminder, to the shared mailbox only: the terminal counts it in the singular.
      expect(renderNotifications(captureIo(), done)).toContainEqual(
        expect.stringMatching(/^Incidents: .*; 1 message queued\.$/),
      )
      const mails = await inbox.waitFor(3)
      expect(mails[2]?.subject).toMatch(
        /^\[PÅMINNELSE\] patients: fortfarande öppen efter 4 d 0 h: row_count/,
      )
      clock.advance(DAY)
      expect((await run()).incidents?.reminded).toEqual([])
    })

    it('keeps messages in the outbox while SMTP is down and delivers each exactly once when it is back', async () => {
      const port = inbox.port
      await inbox.stop()
      await scenario.fix()
      clock.advance(DAY)
      const done = await run()
      expect(done.incidents?.resolved.map((i) => i.checkId)).toEqual(['patients'])
      expect(done.delivery?.sent).toEqual([])
      expect(done.delivery?.failed.map((f) => f.message.kind)).toEqual([
        'incident_resolved',
        'incident_resolved',
      ])
      expect(done.delivery?.failed[0]?.error).toMatch(/ECONNREFUSED/)
      // Both were queued in one moment: the outbox lists them in the order they were queued.
      const pending = await withStore((s) => s.outbox.list())
      expect(pending.map((m) => [m.status, m.attempts, m.purpose])).toEqual([
        ['pending', 1, 'alerts'],
        ['pending', 1, 'vendor'],
      ])
      expect(pending[0]?.nextAttemptAt).toBe(new Date(clock.now().getTime() + 60_000).toISOString())

      await inbox.start(port)
      const transport = createTransport(config.mail ?? testMail({ kind: 'eml', dir: dir.path }))
      try {
        const deliver = () =>
          withStore((s) =>
            deliverOutbox({
              store: s,
              channels: [mailChannel(config.mail ?? testMail({ kind: 'eml', dir: '' }), transport)],
              now: clock.now,
            }),
          )
        expect((await deliver()).sent).toEqual([])
        clock.advance(60_000)
        expect((await deliver()).sent).toHaveLength(2)
        clock.advance(DAY)
        expect((await deliver()).sent).toEqual([])
      } finally {
        transport.close()
      }
      const mails = await inbox.waitFor(5)
      const resolved = mails
        .filter((m) => m.subject.startsWith('[ÅTGÄRDAT]'))
        .sort((a, b) => (a.envelopeTo[0] ?? '').localeCompare(b.envelopeTo[0] ?? ''))
      expect(resolved.map((m) => m.envelopeTo)).toEqual([
        ['cosmic-forvaltning@region.example', 'diver-forvaltning@region.example'],
        ['support@vendor.example'],
      ])
      expect(resolved[0]?.subject).toBe('[ÅTGÄRDAT] patients: godkänd igen efter 6 d 0 h · Testregionen')
      expect(resolved[0]?.text).toContain('gick igenom igen')
      expect(await withStore((s) => s.outbox.list())).toEqual([])
      expect(await withStore((s) => s.incidents.open())).toEqual([])
    })

    it('opens a new incident when the check fails again after it was resolved', async () => {
      await scenario.breakAgain()
      clock.advance(DAY)
      const done = await run()
      expect(done.incidents?.opened.map((i) => i.checkId)).toEqual(['patients'])
      await inbox.waitFor(7)
      expect(await withStore((s) => s.incidents.list({ check: 'patients' }))).toHaveLength(2)
    })

    it('never lets the planted personal identity number out: not in mail, outbox, results or log lines', async () => {
      const everything = await withStore(async (s) => {
        const outbox = await s.outbox.list({ all: true })
        const history = await s.history({ limit: 10_000 })
        const runs = await s.recentRuns(100)
        const results = await Promise.all(runs.map((r) => s.resultsOfRun(r.runId)))
        const incidents = await s.incidents.list()
        return JSON.stringify({ outbox, history, results, incidents })
      })
      const mails = inbox.received.map(
        (m) => m.raw + m.subject + m.text + m.html + JSON.stringify(m.attachments),
      )
      for (const text of [everything, ...mails, log.stdout(), log.stderr()]) {
        expect(text).not.toContain(SENTINEL_PNR)
        expect(text).not.toContain(SENTINEL_DIGITS)
        expect(text).not.toContain('121212-1212')
      }
      expect(everything.length).toBeGreaterThan(1000)
    })
  })
}

const pglite = availableEngines().find((e) => e.name === 'pglite')

describe.skipIf(pglite === undefined)('mail in English', () => {
  it('writes subjects and both parts in English when locale is en', async () => {
    if (pglite === undefined) return
    const dir = await tempDir()
    const inbox = new SmtpInbox()
    const scenario = await createScenario(pglite, dir)
    try {
      const port = await inbox.start()
      const config = scenarioConfig(
        scenario,
        (await createStore(pglite, dir, 'store')).config,
        testMail(inboxTransport(port)),
        { locale: 'en' },
      )
      await runAndNotify({ config, definitions: scenario.definitions, trigger: 'test', sleep: noSleep })
      const [alert, ticket] = await inbox.waitFor(2)
      expect(alert?.subject).toBe(
        '[FAIL] patients: row_count: 1 row missing in the target (−2.5%) +2 more · Testregionen',
      )
      expect(alert?.text).toContain('found a difference between the source and its reporting copy')
      expect(alert?.html).toContain('<html lang="en">')
      expect(ticket?.subject).toMatch(/^\[TICKET\] patients:/)
      expect(ticket?.text).toContain('Automatic ticket from Testregionen')
    } finally {
      await inbox.stop()
      await scenario.cleanup()
      await dir.remove()
    }
  })
})
