/**
 * The cron path equals the daemon's: `reconcile run --wait-for-load` waits for the night's load with the
 * schedule's query and deadline, `reconcile report` sends the morning report once, and `validate` warns when
 * alerts would go nowhere. Real PGlite databases, a real results store and a real SMTP server on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../../src/cli/commands/run.js'
import { main } from '../../src/cli/main.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { captureIo } from '../support/capture-io.js'
import { availableEngines } from '../support/engines.js'
import { noSleep } from '../support/fixtures.js'
import { createScenario, type Scenario, TestClock } from '../support/notify-scenario.js'
import { SMTP_PASSWORD, SMTP_USER, SmtpInbox } from '../support/smtp-inbox.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')
const PASSWORD_VARIABLE = 'RECONCILE_TEST_CRON_SMTP_PASSWORD'

describe.skipIf(pglite === undefined)('the cron path: run --wait-for-load, report, validate', () => {
  let dir: TempDir
  let scenario: Scenario
  let config: string
  const inbox = new SmtpInbox()

  const cli = async (...args: string[]) => {
    const io = captureIo()
    const code = await main(args, io)
    return { code, out: io.stdout(), err: io.stderr() }
  }
  const withStore = async <T>(use: (store: ResultsStore) => Promise<T>): Promise<T> => {
    const store = await ResultsStore.open({
      kind: 'pglite',
      path: `${dir.path}/store`,
      spoolDir: `${dir.path}/spool`,
      retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    })
    try {
      return await use(store)
    } finally {
      await store.close()
    }
  }

  const mailSection = (port: number, alerts: string) => `mail:
  from: reconcile@region.example
  smtp:
    host: 127.0.0.1
    port: ${port}
    security: starttls
    user: ${SMTP_USER}
    password: \${${PASSWORD_VARIABLE}}
    reject_unauthorized: false
    timeout: 5s
  recipients: { alerts: [${alerts}], vendor: [v@vendor.example], report: [ledning@region.example] }
`
  const configText = (mail: string, schedule: string) => `installation: Cron test
locale: en
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
${mail}${schedule}connections:
  src: { dialect: pglite, path: ${scenario.source.location} }
  dw: { dialect: pglite, path: ${scenario.target.location} }
`
  const SCHEDULE = `schedule:
  runs:
    - name: nightly
      cron: '15 4 * * *'
      load:
        connection: dw
        query: SELECT MAX(finished_at) FROM etl.load_log
        poll_interval: 10m
        deadline: 30m
        max_age: 12h
`

  beforeAll(async () => {
    if (pglite === undefined) return
    process.env[PASSWORD_VARIABLE] = SMTP_PASSWORD
    dir = await tempDir()
    scenario = await createScenario(pglite, dir)
    await scenario.target.exec(`CREATE SCHEMA etl; CREATE TABLE etl.load_log (finished_at timestamp);
INSERT INTO etl.load_log VALUES (TIMESTAMP '2026-11-22 03:10:00');`)
    const port = await inbox.start()
    config = await dir.write(
      'config/reconcile.yaml',
      configText(mailSection(port, 'cosmic-forvaltning@region.example'), SCHEDULE),
    )
  })
  afterAll(async () => {
    delete process.env[PASSWORD_VARIABLE]
    await inbox.stop()
    await scenario?.cleanup()
    await dir?.remove()
  })

  it('run --wait-for-load records a late load, alerts about it, runs no check and exits 4', async () => {
    // 04:15 in Stockholm; the last load finished two nights ago, and the deadline passes 30 minutes later.
    const clock = new TestClock('2026-11-24T03:15:00Z')
    const io = captureIo()
    const { exitCode, run } = await runCommand(
      { configFile: config, waitForLoad: true, clock, now: clock.now, sleep: noSleep },
      io,
    )
    expect(exitCode).toBe(4)
    expect(io.stderr()).toMatch(/The load is LATE: the night's load had not finished by the deadline/)
    expect(run?.results.map((r) => [r.check, r.status])).toEqual([['load', 'fail']])
    // The deadline counts from when the command started: polls at 0, 10, 20 and 30 minutes.
    expect(clock.now().toISOString()).toBe('2026-11-24T03:45:00.000Z')
    const [alert] = await inbox.waitFor(1)
    expect(alert?.envelopeTo).toEqual(['cosmic-forvaltning@region.example'])
    expect(alert?.subject).toMatch(/load/)
    await withStore(async (store) => {
      const [stored] = await store.recentRuns(1)
      expect(stored).toMatchObject({ trigger: 'cli:nightly', status: 'finished' })
      expect(await store.incidents.list({ check: 'load' })).toHaveLength(1)
    })
  })

  it('run --wait-for-load runs the checks once the night load has finished, the load first', async () => {
    await scenario.target.exec(`INSERT INTO etl.load_log VALUES (TIMESTAMP '2026-11-25 03:05:00');`)
    const clock = new TestClock('2026-11-25T03:15:00Z')
    const io = captureIo()
    const { exitCode, run } = await runCommand(
      { configFile: config, waitForLoad: 'nightly', clock, now: clock.now, sleep: noSleep },
      io,
    )
    // The scenario's patients check finds its missing row: a difference, exit 1.
    expect(exitCode).toBe(1)
    expect(io.stderr()).toContain("The load finished: the night's load finished at 2026-11-25T03:05:00")
    expect(run?.results[0]).toMatchObject({ check: 'load', status: 'pass', cutoff: '2026-11-25T03:05:00' })
    expect(new Set(run?.results.map((r) => r.check))).toEqual(new Set(['load', 'patients', 'units']))
    // Nothing was waited for: the first poll saw the night's load.
    expect(clock.now().toISOString()).toBe('2026-11-25T03:15:00.000Z')
    const subjects = (await inbox.waitFor(4)).map((m) => m.subject)
    expect(subjects.some((s) => /patients/.test(s))).toBe(true)
  })

  it('run --wait-for-load stopped by a signal while waiting records nothing and exits 2', async () => {
    const runsBefore = await withStore((store) => store.recentRuns(100))
    const stop = new AbortController()
    stop.abort()
    const clock = new TestClock('2026-11-26T03:15:00Z')
    const io = captureIo()
    const { exitCode, run } = await runCommand(
      { configFile: config, waitForLoad: true, clock, now: clock.now, sleep: noSleep, signal: stop.signal },
      io,
    )
    expect(exitCode).toBe(2)
    expect(run).toBeUndefined()
    expect(io.stderr()).toContain('Stopped while waiting for the load; nothing ran and nothing was recorded.')
    expect(await withStore((store) => store.recentRuns(100))).toHaveLength(runsBefore.length)
  })

  it('run --wait-for-load refuses a configuration without a load section, and an unknown schedule', async () => {
    const plain = await dir.write('config/no-schedule.yaml', configText('', ''))
    const none = await cli('run', '--wait-for-load', '--config', plain)
    expect(none.code).toBe(3)
    expect(none.err).toContain('no schedule.runs entry in')
    expect(none.err).toContain('has a load section; add schedule.runs[].load')
    const unknown = await cli('run', '--schedule', 'weekly', '--config', config)
    expect(unknown.code).toBe(3)
    expect(unknown.err).toContain('no schedule.runs entry named "weekly" with a load section')
  })

  it('report sends the morning report to its readers once a day, and exits 0', async () => {
    const before = inbox.received.length
    const first = await cli('report', '--config', config)
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^Morning report queued: /)
    const mails = await inbox.waitFor(before + 1)
    const report = mails.find((m) => m.envelopeTo.includes('ledning@region.example'))
    expect(report?.text).toContain('Every patient reaches the reporting copy')
    const again = await cli('report', '--config', config)
    expect(again.code).toBe(0)
    expect(again.out).toContain('was already queued')
    expect(inbox.received.filter((m) => m.envelopeTo.includes('ledning@region.example'))).toHaveLength(1)
  })

  it('report refuses a configuration without mail', async () => {
    const plain = await dir.write('config/no-mail.yaml', configText('', ''))
    const { code, err } = await cli('report', '--config', plain)
    expect(code).toBe(3)
    expect(err).toContain('has no mail section: the morning report has nowhere to go')
  })

  it('validate warns, naming the file and the field, when failures would alert nobody', async () => {
    const noMail = await dir.write('config/no-mail.yaml', configText('', ''))
    const warned = await cli('validate', '--config', noMail)
    expect(warned.code).toBe(0)
    expect(warned.out).toContain(
      `WARNING: ${noMail} has no mail section: failures are recorded but no alert is sent. Set mail.from, mail.smtp (or mail.eml_dir) and mail.recipients.alerts.`,
    )
    // patients has its own recipients and a vendor ticket; units and the load wait reach nobody.
    const noAlerts = await dir.write('config/no-alerts.yaml', configText(mailSection(1, ''), SCHEDULE))
    const empty = await cli('validate', '--config', noAlerts)
    expect(empty.code).toBe(0)
    expect(empty.out).toContain(
      `WARNING: ${noAlerts}: mail.recipients.alerts is empty, so failures of units, the load wait alert nobody. Set mail.recipients.alerts.`,
    )
    const fine = await cli('validate', '--config', config)
    expect(fine.code).toBe(0)
    expect(fine.out).not.toContain('WARNING')
  })
})
