import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StoreQueries } from '../../src/store/store-queries.js'
import { openStoreForReading } from '../../src/store/open-for-reading.js'
import { countOf, formatNumberText } from '../../src/i18n/format.js'
import { type Dashboard, startDashboard } from '../../src/web/server.js'
import { availableEngines } from '../support/engines.js'
import { type SmallStore, smallStore } from '../evidence/small-store.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')
const NBSP = '\u00a0'

/** A page's text, without its markup (SVG path coordinates are numbers too). */
const text = (html: string) => html.replace(/<[^>]*>/g, ' ')

describe('the dashboard number and plural formats', () => {
  it('formats numbers one way per language, exactly, through Intl', () => {
    expect(formatNumberText('1234567.5', 'sv')).toBe(`1${NBSP}234${NBSP}567,5`)
    expect(formatNumberText('1234567.5', 'en')).toBe('1,234,567.5')
    // Decimal text keeps every digit: no detour through a float.
    expect(formatNumberText('12345678901234567.89', 'en')).toBe('12,345,678,901,234,567.89')
    expect(formatNumberText('-23.75', 'sv', { signed: true })).toBe('−23,75')
    expect(formatNumberText('-23.75', 'en', { signed: true })).toBe('−23.75')
    expect(formatNumberText('5', 'en', { signed: true })).toBe('+5')
    expect(formatNumberText('0', 'en', { signed: true })).toBe('0')
    expect(formatNumberText('not a number', 'sv')).toBe('not a number')
  })

  it('picks the noun form by the count', () => {
    const run = ['körning', 'körningar'] as const
    expect(countOf(1, 'sv', run)).toBe('1 körning')
    expect(countOf(2, 'sv', run)).toBe('2 körningar')
    expect(countOf(0, 'sv', run)).toBe('0 körningar')
    expect(countOf(1500, 'en', ['row', 'rows'])).toBe('1,500 rows')
  })
})

// Ten orders in the source, eight in the copy: the row count and the sum of fees fail.
describe.skipIf(pglite === undefined)('the dashboard in one language at a time', () => {
  let small: SmallStore
  let queries: StoreQueries
  let dashboard: Dashboard
  let messages: string[]

  const page = async (path: string) => {
    const response = await fetch(`${dashboard.url}${path.slice(1)}`)
    expect(response.status).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    if (pglite === undefined) return
    small = await smallStore(pglite, 8)
    await small.runAt('2026-03-02T02:15:00Z')
    queries = new StoreQueries(await openStoreForReading(small.config.store))
    const run = await queries.latestRun()
    messages = (await queries.resultsOfRuns(run === undefined ? [] : [run.runId])).map((r) => r.message)
    dashboard = await startDashboard({
      config: small.config,
      definitions: await small.definitions(),
      queries,
      port: 0,
      now: () => new Date('2026-03-02T08:00:00Z'),
    })
  })
  afterAll(async () => {
    await dashboard?.close()
    await queries?.close()
    await small?.cleanup()
  })

  it('never shows a result’s recorded English message, in either language', async () => {
    expect(messages.length).toBeGreaterThan(1)
    for (const path of ['/sv/', '/sv/checks/orders', '/sv/incidents', '/en/', '/en/checks/orders']) {
      const html = await page(path)
      for (const message of messages) expect(html, path).not.toContain(message)
    }
  })

  it('says what failed in Swedish words and Swedish numbers on the Swedish pages', async () => {
    const today = await page('/sv/')
    expect(today).toContain('2 rader saknas i målet (−20')
    expect(today).toContain('0 godkända, 2 avvikelser, 0 kunde inte köras — 1 kontroll<')
    expect(today).toContain('>1 öppen incident<')
    const check = await page('/sv/checks/orders')
    expect(check).toContain(`68,75`)
    expect(check).toContain('skiljer med −23,75 (−34,5455\u00a0%)')
    // No English thousands separator (`1,234`) anywhere.
    expect(text(check)).not.toMatch(/\d,\d{3}(?!\d)/)
    const incidents = await page('/sv/incidents')
    expect(incidents).toContain('row_count: 2 rader saknas i målet (−20')
    expect(incidents).toContain('(+1 till)')
  })

  it('says it in English on the English pages', async () => {
    const today = await page('/en/')
    expect(today).toContain('2 rows missing in the target (−20')
    expect(today).toContain('0 passed, 2 failed, 0 could not run — 1 check<')
    const check = await page('/en/checks/orders')
    expect(check).toContain('differs by −23.75 (−34.5455%)')
    // No hyphen as a minus in a cell, a text or a percentage.
    expect(text(check)).not.toMatch(/(\(| )-\d/)
  })
})
