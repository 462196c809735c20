/**
 * End-to-end: a store filled by real runs of checks/ against the demo databases, the dashboard on a free port, and
 * Debian's Chromium driven by playwright-core. Screenshots go to test-output/dashboard/ (gitignored).
 * Skips, saying so, when /usr/bin/chromium is absent (Debian package `chromium`).
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoDatabases } from '../../src/demo/seed.js'
import { StoreQueries } from '../../src/store/store-queries.js'
import { openStoreForReading } from '../../src/store/open-for-reading.js'
import { runAndNotify } from '../../src/pipeline/run-and-notify.js'
import { type Dashboard, startDashboard } from '../../src/web/server.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const CHROMIUM = '/usr/bin/chromium'
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) {
  console.warn(`SKIPPED dashboard e2e: ${CHROMIUM} is absent (install Debian's "chromium" package)`)
}

const SHOTS = path.resolve('test-output/dashboard')
const DAY = 86_400_000
const COMMON = {
  statementTimeoutMs: 120_000,
  maxConcurrentQueries: 2,
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
} as const

describe.skipIf(!haveChromium)('dashboard in Chromium', () => {
  let dir: TempDir
  let dashboard: Dashboard
  let queries: StoreQueries
  let browser: Browser
  let base: string

  beforeAll(async () => {
    dir = await tempDir('reconcile-e2e-')
    await mkdir(SHOTS, { recursive: true })
    const now = new Date()
    await seedDemoDatabases(path.join(dir.path, 'demo'), now)
    const config = testConfig({
      connections: [
        { name: 'cosmic', dialect: 'pglite', path: path.join(dir.path, 'demo', 'cosmic'), ...COMMON },
        { name: 'ci', dialect: 'pglite', path: path.join(dir.path, 'demo', 'ci'), ...COMMON },
      ],
      store: pgliteStore(dir.path),
      checksDir: path.resolve('checks'),
    })
    const definitions = await definitionsIn(config.checksDir, ['cosmic', 'ci'])
    // Three nights: the copy loses more visits each night, so the history chart has a trend to show.
    for (const [night, lost] of [
      [2, 0],
      [1, 200],
      [0, 300],
    ] as const) {
      if (lost > 0) {
        const ci = await PGlite.create(path.join(dir.path, 'demo', 'ci'))
        await ci.exec(
          `DELETE FROM ci.fact_visit WHERE visit_key IN (SELECT visit_key FROM ci.fact_visit ORDER BY visit_key LIMIT ${lost})`,
        )
        await ci.close()
      }
      await runAndNotify({
        config,
        definitions,
        trigger: 'schedule',
        now: () => new Date(now.getTime() - night * DAY),
        sleep: noSleep,
      })
    }
    queries = new StoreQueries(await openStoreForReading(config.store))
    dashboard = await startDashboard({ config, definitions, queries, port: 0, now: () => now })
    base = dashboard.url.replace(/\/$/, '')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
    await queries?.close()
    await dir?.remove()
  })

  /** A fresh page (its own context: no shared cookies or cache) at a laptop or a phone size. */
  async function open(url: string, device: 'laptop' | 'phone' = 'laptop'): Promise<Page> {
    const context = await browser.newContext(
      device === 'laptop'
        ? { viewport: { width: 1280, height: 900 } }
        : { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    )
    const page = await context.newPage()
    const response = await page.goto(url)
    expect(response?.status()).toBe(200)
    return page
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
  }

  it('shows the verdict, clicks through to a failing check and shows its history chart', async () => {
    const page = await open(`${base}/sv/`)
    await expect(page.locator('#verdict h1').textContent()).resolves.toBe('Avvikelser hittades')
    await expect(page.locator('[data-check="outpatient-visits"] .label').first().textContent()).resolves.toBe(
      'avvikelse',
    )
    // What failed comes first: every failing card precedes every passing one.
    const labels = await page.locator('article.card > .label').allTextContents()
    expect(labels.every((l) => ['godkänd', 'avvikelse', 'kunde inte köras'].includes(l))).toBe(true)
    expect(labels.lastIndexOf('avvikelse')).toBeLessThan(
      labels.includes('godkänd') ? labels.indexOf('godkänd') : labels.length,
    )
    await shot(page, 'today-sv-laptop')

    await page.locator('[data-check="outpatient-visits"] h3 a').click()
    await page.waitForURL(`${base}/sv/checks/outpatient-visits`)
    await expect(page.locator('h1').textContent()).resolves.toContain('Every outpatient visit')
    // One chart pair per numeric assertion, with a point for each of the three runs.
    const chart = page.locator('#chart-row_count + figure svg')
    await expect(chart.locator('circle.source').count()).resolves.toBe(3)
    await expect(chart.locator('circle.failed').count()).resolves.toBeGreaterThan(0)
    const rows = await page.locator('table.results tbody tr').count()
    expect(rows).toBeGreaterThan(10)
    await shot(page, 'check-history-sv-laptop')
    await page.context().close()
  })

  it('renders every page in both languages on a laptop and a phone', async () => {
    const pages = ['/', '/runs', '/incidents', '/control', '/checks/referrals']
    for (const language of ['sv', 'en']) {
      for (const p of pages) {
        for (const device of ['laptop', 'phone'] as const) {
          const page = await open(`${base}/${language}${p}`, device)
          const name = `${p === '/' ? 'today' : p.slice(1).replace(/\//g, '-')}-${language}-${device}`
          // Nothing wider than the screen: tables scroll or stack instead of widening the page.
          const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - window.innerWidth',
          )
          expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(1)
          await shot(page, name)
          await page.context().close()
        }
      }
    }
  }, 180_000)

  it('switches language and keeps the page', async () => {
    const page = await open(`${base}/sv/runs`)
    await page.locator('a.lang').click()
    await page.waitForURL(`${base}/en/runs`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Runs')
    await expect(page.locator('table.runs tbody tr').count()).resolves.toBe(3)
    await page.context().close()
  })

  it('shows the control document with the SQL of the last run', async () => {
    const page = await open(`${base}/en/control`)
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Control document')
    await expect(page.locator('#check-outpatient-visits figure.sql').count()).resolves.toBeGreaterThan(1)
    await expect(page.locator('#check-outpatient-visits').textContent()).resolves.toContain(
      'FROM ci.fact_visit',
    )
    await page.context().close()
  })
})
