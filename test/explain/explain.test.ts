import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainCommand } from '../../src/cli/commands/explain.js'
import { StoreQueries } from '../../src/store/store-queries.js'
import { openStoreForReading } from '../../src/store/open-for-reading.js'
import { buildControlDocument } from '../../src/explain/build.js'
import { escapeHtml, markup } from '../../src/explain/html.js'
import { describeCron } from '../../src/explain/phrase-helpers.js'
import { controlDocumentHtml, controlDocumentMarkdown } from '../../src/explain/render.js'
import { formatSql, tablesOfQuery } from '../../src/explain/sql-format.js'
import { captureIo } from '../support/capture-io.js'
import { availableEngines } from '../support/engines.js'
import { definitionsIn } from '../support/fixtures.js'
import { tempDir } from '../support/temp-dir.js'
import { type SmallStore, smallStore } from '../evidence/small-store.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')
const NOW = () => new Date('2026-03-02T08:00:00Z')

describe('helpers', () => {
  it('escapes every interpolated value, and nests safe html', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    const inner = markup`<b>${'<i>'}</b>`
    expect(markup`<p>${inner}${['<', 1]}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&lt;1</p>')
  })

  it('indents derived tables without touching a token', () => {
    const sql =
      'SELECT COUNT(*) AS n\nFROM (\nSELECT a, b\nFROM s.t AS x\n) AS d\nWHERE d."a" <= CAST($1 AS timestamp)'
    expect(formatSql(sql)).toBe(
      'SELECT COUNT(*) AS n\nFROM (\n  SELECT a, b\n  FROM s.t AS x\n) AS d\nWHERE d."a" <= CAST($1 AS timestamp)',
    )
    expect(formatSql(sql).replace(/\s+/g, ' ')).toBe(sql.replace(/\s+/g, ' '))
    expect(tablesOfQuery('SELECT * FROM cosmic.visit v LEFT JOIN [cosmic].[unit] u ON 1=1')).toEqual([
      'cosmic.visit',
      'cosmic.unit',
    ])
  })

  it('says a cron expression in words, or shows it', () => {
    expect(describeCron('15 4 * * *', 'sv')).toBe('varje dag kl. 04:15 (cron 15 4 * * *)')
    expect(describeCron('0 5 * * 1-5', 'en')).toBe('Monday to Friday at 05:00 (cron 0 5 * * 1-5)')
    expect(describeCron('*/5 * * * *', 'en')).toBe('cron */5 * * * *')
  })
})

describe.skipIf(pglite === undefined)('the control document', () => {
  let small: SmallStore

  beforeAll(async () => {
    if (pglite === undefined) return
    small = await smallStore(pglite, 10)
  })
  afterAll(async () => {
    await small?.cleanup()
  })

  it('before any run: explains every check in Swedish and says where the SQL will come from', async () => {
    const doc = await buildControlDocument({
      config: small.config,
      definitions: await small.definitions(),
      statements: { kind: 'none', problem: 'no store yet' },
      now: NOW,
    })
    const page = controlDocumentHtml(doc, 'sv')
    expect(page).toMatch(/^<!doctype html>\n<html lang="sv">/)
    // Self-contained: no script, no external resource.
    expect(page).not.toMatch(/<script|<link|src=|url\(/i)
    expect(page).toContain('Orders &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;fees&quot; must match.')
    // The summary table comes before the first check's section.
    expect(page.indexOf('<h2 id="summary">Sammanfattning</h2>')).toBeLessThan(
      page.indexOf('<section class="check"'),
    )
    expect(page).toContain('<a href="#check-orders">orders</a>')
    expect(page).toContain('<strong>Antal rader</strong>: antalet rader måste vara exakt lika på båda sidor')
    expect(page).toContain('summan av <code>fee</code>')
    expect(page).toContain('Ingen brytpunkt')
    expect(page).toContain('Leverantören ansvarar för denna överföring')
    expect(page).toContain('<code>extra@region.example</code>')
    expect(page).toContain(doc.checks[0]?.definition.hash)
    expect(page).toContain('okänd (katalogen är inte versionshanterad med git här)')
    expect(page).toContain('<code>reconcile explain --connect</code>')
  })

  it('says which webhooks receive the incident events, and says nothing of webhooks when there are none', async () => {
    const definitions = await small.definitions()
    const build = (webhooks: typeof small.config.webhooks) =>
      buildControlDocument({
        config: { ...small.config, webhooks },
        definitions,
        statements: { kind: 'none', problem: 'no store yet' },
        now: NOW,
      })
    const hook = {
      name: 'teams',
      url: 'https://hooks.example/x',
      headers: {},
      timeoutMs: 10_000,
      retry: { attempts: 3, initialDelayMs: 1000, maxDelayMs: 1000 },
    }
    const withHooks = await build([
      { ...hook, events: ['incident_opened', 'incident_resolved', 'morning_report'] },
      { ...hook, name: 'report-only', events: ['morning_report'] },
    ])
    const en = controlDocumentMarkdown(withHooks, 'en')
    expect(en).toContain(
      'The same events are also posted as JSON to the webhook `teams` (`incident_opened` and `incident_resolved`)',
    )
    // A webhook that takes only the morning report gets no incident events, so the document does not name it.
    expect(en).not.toContain('`report-only`')
    expect(controlDocumentMarkdown(withHooks, 'sv')).toContain(
      'Samma händelser skickas också som JSON till webbkroken `teams`',
    )
    expect(controlDocumentMarkdown(await build([]), 'en')).not.toContain('webhook')
  })

  it('shows the SQL exactly as the servers received it in the last run of this definition', async () => {
    await small.runAt('2026-03-02T02:15:00Z')
    const queries = new StoreQueries(await openStoreForReading(small.config.store))
    try {
      const doc = await buildControlDocument({
        config: small.config,
        definitions: await small.definitions(),
        statements: { kind: 'store', queries },
        now: NOW,
      })
      const statements = doc.checks[0]?.statements
      expect(statements?.origin).toBe('store')
      expect(statements?.source).toHaveLength(1)
      expect(statements?.source[0]?.usedBy).toEqual(['row_count', 'sum(fee)'])
      expect(statements?.source[0]?.sql).toMatch(/^SELECT COUNT\(\*\) AS row_count,/)
      const en = controlDocumentHtml(doc, 'en')
      expect(en).toContain('The statements below are exactly those the servers received in run')
      expect(en).toContain('FROM &quot;src&quot;.&quot;orders&quot; AS d')
      expect(en).toContain(
        '<strong>Row count</strong>: the number of rows must be exactly equal on both sides',
      )
      const md = controlDocumentMarkdown(doc, 'en')
      expect(md).toMatch(/^# Control document: /)
      expect(md).toContain('| Check | What it protects | Compares | Thresholds | Severity | Owner |')
      expect(md).toContain('```sql\nSELECT COUNT(*) AS row_count,')
      expect(md).toContain('Orders \\<script\\>alert(1)\\</script\\> & "fees" must match.')
    } finally {
      await queries.close()
    }
  })

  it('builds the SQL by connecting when asked, reading no data', async () => {
    const config = await small.dir.write(
      'config/reconcile.yaml',
      `installation: Explain test
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
connections:
  cosmic: { dialect: pglite, path: ${small.cosmic.location} }
  ci: { dialect: pglite, path: ${small.ci.location} }
`,
    )
    const io = captureIo()
    const code = await explainCommand(
      { configFile: config, lang: 'en', format: 'md', connect: true, now: NOW },
      io,
    )
    expect(io.stderr()).toBe('')
    expect(code).toBe(0)
    expect(io.stdout()).toContain('were built at 2026-03-02 09:00 by connecting to the databases')
    expect(io.stdout()).toContain('FROM "dw"."orders" AS d')
  })

  it('says how a checksum compares values, and each column whose definition says otherwise', async () => {
    const dir = await tempDir()
    try {
      await dir.write(
        'visits.yaml',
        `id: visits
title: Visits
description: Every value of every visit.
owner: Test
severity: high
source: { connection: cosmic, table: src.visits }
target: { connection: ci, table: dw.visits }
columns:
  - { name: id, source: id, target: id }
  - { name: fee, source: fee, target: fee, scale: 2 }
  - { name: seen_at, source: seen_at, target: seen_at, precision: 3 }
  - { name: note, source: note, target: note, trim_trailing_spaces: true, ignore_case: true }
key: [id]
assertions:
  - kind: checksum
`,
      )
      const doc = await buildControlDocument({
        config: small.config,
        definitions: await definitionsIn(dir.path, ['cosmic', 'ci']),
        statements: { kind: 'none', problem: 'no store yet' },
        now: NOW,
      })
      const en = controlDocumentHtml(doc, 'en')
      expect(en).toContain('Numbers are compared at the larger number of decimals the two columns declare')
      expect(en).toContain(
        'set per column: <code>fee</code> (2 decimals), <code>seen_at</code> (3 digits of the second) and <code>note</code> (trailing spaces ignored, A–Z equal to a–z).',
      )
      expect(controlDocumentHtml(doc, 'sv')).toContain('inställt per kolumn: <code>fee</code> (2 decimaler)')
    } finally {
      await dir.remove()
    }
  })

  it('rejects an unknown language or format', async () => {
    const io = captureIo()
    expect(await explainCommand({ configFile: 'x', lang: 'de' }, io)).toBe(3)
    expect(await explainCommand({ configFile: 'x', format: 'pdf' }, io)).toBe(3)
    expect(io.stderr()).toContain('--lang: expected sv or en, got "de"')
    expect(io.stderr()).toContain('--format: expected html or md, got "pdf"')
  })
})
