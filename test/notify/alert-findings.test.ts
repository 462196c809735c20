/**
 * The alert mail leads with what differs and where, over real SMTP: a visit register whose reporting copy lost a
 * whole day of one unit (47 rows), got 3 rows too many in another and 2 changed fees. Grouped counts net out to
 * 44; the mail must say 47 missing and 3 extra, name the groups, the column, masked keys, what to check first,
 * since when, and the dashboard link only when `web.public_url` is set; never a row value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/types.js'
import { runAndNotify } from '../../src/pipeline/run-and-notify.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { definitionsIn, noSleep, testConfig } from '../support/fixtures.js'
import { createStore, TestClock, testMail } from '../support/notify-scenario.js'
import { inboxTransport, type ReceivedMail, SmtpInbox } from '../support/smtp-inbox.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/** Planted in the rows that go missing and change: none of it may reach a message. */
const SECRET_PNR = '19121212-1212'
const SECRET_NOTE = 'Hemlig anteckning om patienten'
const FEE = '8765.43'
const CHANGED_FEE = '8765.44'

const VISITS = `id: visits
title: Every visit reaches the reporting copy
description: Counts visits per day and unit, and compares every fee.
owner: Cosmic förvaltningsgrupp
severity: high
source: { connection: src, table: src.visit }
target: { connection: dw, table: dw.visit }
columns: [id, visit_date, unit, fee, note, pnr]
key: [id]
assertions:
  - kind: row_count
  - kind: row_count
    group_by: [visit_date, unit]
  - kind: checksum
    columns: [fee]
`

const SOURCE_ROWS = `
INSERT INTO visit SELECT i, DATE '2026-11-26', 'BUM-NORR', ${FEE}, '${SECRET_NOTE}', '${SECRET_PNR}' FROM generate_series(1, 47) i;
INSERT INTO visit SELECT i, DATE '2026-11-25', 'BUM-SYD', 100, 'x', '19800101-0000' FROM generate_series(48, 57) i;
INSERT INTO visit SELECT i, DATE '2026-11-24', 'ONK', ${FEE}, '${SECRET_NOTE}', '${SECRET_PNR}' FROM generate_series(58, 100) i;`

/** Runs that locate rows on PGlite are slow on a busy 2-core machine: more than the default 60 s per test. */
const LOCATING_RUNS_MS = 240_000

const pglite = availableEngines().find((e) => e.name === 'pglite')

describe.skipIf(pglite === undefined)('the alert mail leads with the findings (pglite)', () => {
  let dir: TempDir
  let source: TestDatabase
  let target: TestDatabase
  const inbox = new SmtpInbox()
  let port = 0

  beforeAll(async () => {
    if (pglite === undefined) return
    dir = await tempDir()
    source = await pglite.createDatabase('src')
    target = await pglite.createDatabase('dw')
    const table = (schema: string) =>
      `CREATE SCHEMA ${schema}; SET search_path TO ${schema};
CREATE TABLE visit (id integer PRIMARY KEY, visit_date date, unit text, fee numeric(10,2), note text, pnr text);`
    await source.exec(`${table('src')}${SOURCE_ROWS}`)
    // The target: BUM-NORR's day is missing, BUM-SYD got 3 rows too many, two ONK fees changed.
    await target.exec(`${table('dw')}${SOURCE_ROWS}
DELETE FROM visit WHERE id <= 47;
INSERT INTO visit SELECT i, DATE '2026-11-25', 'BUM-SYD', 100, 'x', '19800101-0000' FROM generate_series(101, 103) i;
UPDATE visit SET fee = ${CHANGED_FEE} WHERE id IN (58, 59);`)
    await dir.write('checks/visits.yaml', VISITS)
    port = await inbox.start()
  })
  afterAll(async () => {
    await inbox.stop()
    await source?.cleanup()
    await target?.cleanup()
    await dir?.remove()
  })

  const configFor = async (
    locale: 'sv' | 'en',
    publicUrl: string | undefined,
  ): Promise<{ config: Config; cleanup: () => Promise<void> }> => {
    if (pglite === undefined) throw new Error('pglite is not available')
    const store = await createStore(pglite, dir, `store-${locale}`)
    const mail = testMail(inboxTransport(port))
    return {
      config: {
        ...testConfig({ connections: [source.config, target.config], store: store.config }),
        installation: 'Testregionen',
        mail: { ...mail, recipients: { ...mail.recipients, vendor: [] } },
        locale,
        reminderAfterMs: 3 * 86_400_000,
        ...(publicUrl === undefined ? {} : { publicUrl }),
      },
      cleanup: store.cleanup,
    }
  }

  const expectNoRowValue = (mail: ReceivedMail | undefined) => {
    for (const part of [mail?.raw ?? '', mail?.text ?? '', mail?.html ?? '']) {
      for (const secret of [SECRET_PNR, '191212121212', SECRET_NOTE, '8765', '8\u00a0765', '8,765'])
        expect(part).not.toContain(secret)
    }
  }

  it(
    'in Swedish: 47 missing and 3 extra by group, the column, masked keys, what to check first, since when and the link',
    async () => {
      const { config, cleanup } = await configFor('sv', 'https://reconcile.region.example')
      const definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
      const clock = new TestClock('2026-11-26T03:30:00Z')
      try {
        await runAndNotify({ config, definitions, trigger: 'test', now: clock.now, sleep: noSleep })
        const [alert] = await inbox.waitFor(1)
        // The worst finding leads: the checksum found the most rows; never the net 44.
        expect(alert?.subject).toBe(
          '[AVVIKELSE] visits: checksum: 2 rader ändrade, 47 saknas och 3 för mycket i målet +2 till · Testregionen',
        )
        const text = alert?.text ?? ''
        // The total is a net 44; the groups say 47 missing and 3 extra, and so does the mail.
        expect(text).toContain('row_count: 44 rader saknas i målet (−44\u00a0%)')
        expect(text).toContain(
          'row_count by visit_date, unit: 47 rader saknas och 3 för mycket i målet (2 av 3 grupper skiljer)',
        )
        expect(text).toContain('Rader: 47 saknas · 3 för mycket')
        expect(text).toMatch(/visit_date=2026-11-26[^,]*, unit=BUM-NORR: källa 47, mål 0/)
        expect(text).toMatch(/visit_date=2026-11-25[^,]*, unit=BUM-SYD: källa 10, mål 13/)
        expect(text).toContain('Nästa steg: Titta först på grupperna nedan (per visit_date, unit)')
        expect(text).toContain('Rader: 47 saknas · 3 för mycket · 2 ändrade · 0 dubblettnycklar')
        expect(text).toContain('Kolumner som skiljer: fee (2 rader)')
        expect(text).toMatch(/Exempel på nycklar \(maskerade\): (ändrade|saknas|för mycket) #[0-9a-f]{16}/)
        expect(text).toContain('Nästa steg: Titta först i laddningsloggen efter den körning eller partition')
        expect(text).toContain('Öppnad nu, i körningen 2026-11-26 04:30')
        expect(text).toContain(
          'Kontrollen i instrumentpanelen: https://reconcile.region.example/sv/checks/visits',
        )
        // The findings come before the table of every assertion.
        expect(text.indexOf('Vad skiljer:')).toBeLessThan(text.indexOf('Alla kontrollpunkter i körningen:'))
        expect(alert?.html).toContain('<a href="https://reconcile.region.example/sv/checks/visits">')
        expect(alert?.html).toContain(
          '<td style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top">BUM-NORR</td>',
        )
        // No English result text in a Swedish mail; its facts call the cutoff brytpunkt, as the dashboard does.
        expect(text).toMatch(/^Jämfört per \(brytpunkt\): ingen brytpunkt$/m)
        for (const english of ['rows', 'differ', 'target', 'source', 'located'])
          expect(text).not.toContain(english)
        expectNoRowValue(alert)

        // Three days later the reminder says since when, with the runs counted in words.
        clock.advance(3 * 86_400_000 + 60_000)
        await runAndNotify({ config, definitions, trigger: 'test', now: clock.now, sleep: noSleep })
        const [, reminder] = await inbox.waitFor(2)
        expect(reminder?.subject).toMatch(
          /^\[PÅMINNELSE\] visits: fortfarande öppen efter 3 d 0 h: checksum: /,
        )
        expect(reminder?.text).toContain('(2 körningar)')
        expect(reminder?.text).toContain('Öppen sedan 2026-11-26 04:30 (3 d 0 h)')
        expectNoRowValue(reminder)
      } finally {
        await cleanup()
        inbox.received.splice(0)
      }
    },
    LOCATING_RUNS_MS,
  )

  it(
    'in English, without web.public_url: the same findings in English and no link',
    async () => {
      const { config, cleanup } = await configFor('en', undefined)
      const definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
      try {
        await runAndNotify({ config, definitions, trigger: 'test', sleep: noSleep })
        const [alert] = await inbox.waitFor(1)
        expect(alert?.subject).toBe(
          '[FAIL] visits: checksum: 2 rows changed, 47 missing and 3 extra in the target +2 more · Testregionen',
        )
        const text = alert?.text ?? ''
        expect(text).toContain(
          'row_count by visit_date, unit: 47 rows missing and 3 extra in the target (2 of 3 groups differ)',
        )
        expect(text).toMatch(/visit_date=2026-11-26[^,]*, unit=BUM-NORR: source 47, target 0/)
        expect(text).toContain('Rows: 47 missing · 3 extra · 2 changed · 0 duplicate keys')
        expect(text).toContain('Columns that differ: fee (2 rows)')
        expect(text).toMatch(/Sample keys \(masked\): (changed|missing|extra) #[0-9a-f]{16}/)
        expect(text).toContain('Next step: Check the groups below first (by visit_date, unit)')
        expect(text).not.toContain('dashboard')
        expect(text).not.toContain('https://')
        expect(alert?.html).not.toContain('<a href=')
        expectNoRowValue(alert)
      } finally {
        await cleanup()
        inbox.received.splice(0)
      }
    },
    LOCATING_RUNS_MS,
  )
})
