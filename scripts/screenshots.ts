/**
 * `npm run screenshots`: PNGs of the dashboard, the alert mail and the morning report, in Swedish and English, for a person to look at.
 *
 * Builds the demo databases (src/demo: synthetic data with injected faults) in a temporary directory, runs the real
 * checks of checks/ over three nights into a results store (so the history charts have a trend and incidents
 * open), serves the dashboard on a free port, and drives Debian's Chromium (/usr/bin/chromium) with playwright-core.
 * The alert mails are the HTML the real composer queued in the outbox, once per language. Writes to screenshots/
 * (git-ignored); nothing outside it and the temporary directory is touched.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { type Browser, chromium } from 'playwright-core'
import { loadDefinitions } from '../src/check-kinds/load-definitions.js'
import { loadConfig } from '../src/config/load-config.js'
import type { Config, ConnectionConfig, Locale } from '../src/config/types.js'
import { useDemoKeySecret } from '../src/demo/key-secret.js'
import { seedDemoDatabases } from '../src/demo/seed.js'
import { StoreQueries } from '../src/store/store-queries.js'
import { openStoreForReading } from '../src/store/open-for-reading.js'
import { runAndNotify } from '../src/pipeline/run-and-notify.js'
import { closeChannels, configuredChannels } from '../src/notify/channels.js'
import { queueMorningReport } from '../src/notify/queue-report.js'
import { ResultsStore } from '../src/store/results-store.js'
import { startDashboard } from '../src/web/server.js'

const CHROMIUM = '/usr/bin/chromium'
const OUT = path.resolve('screenshots')
const DAY = 86_400_000
const LANGUAGES: readonly Locale[] = ['sv', 'en']
/** The dashboard pages shot in each language: name and path after the language prefix. */
const PAGES: ReadonlyArray<readonly [string, string]> = [
  ['today', '/'],
  ['check-outpatient-visits', '/checks/outpatient-visits'],
  ['check-patients', '/checks/patients'],
  ['runs', '/runs'],
  ['incidents', '/incidents'],
  ['control', '/control'],
]

/** The demo configuration (config/reconcile.yaml) pointed at `dir`: its databases, a store and mail of its own. */
function configIn(base: Config, dir: string, locale: Locale): Config {
  const connections = new Map<string, ConnectionConfig>(
    [...base.connections].map(([name, c]) => [
      name,
      c.dialect === 'pglite' ? { ...c, path: path.join(dir, 'demo', path.basename(c.path)) } : c,
    ]),
  )
  const store =
    base.store.kind === 'pglite'
      ? {
          ...base.store,
          path: path.join(dir, `store-${locale}`),
          spoolDir: path.join(dir, `spool-${locale}`),
        }
      : base.store
  const mail =
    base.mail === undefined
      ? undefined
      : { ...base.mail, transport: { kind: 'eml' as const, dir: path.join(dir, `mail-${locale}`) } }
  return {
    ...base,
    locale,
    connections,
    store,
    mail,
    publicUrl: base.publicUrl ?? 'https://reconcile.region.example',
  }
}

async function shoot(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is absent: install Debian's "chromium" package (apt-get install chromium)`)
  useDemoKeySecret()
  const loaded = await loadConfig('config/reconcile.yaml')
  if (loaded.config === undefined)
    throw new Error(`config/reconcile.yaml is invalid: ${JSON.stringify(loaded.issues)}`)
  const base = loaded.config
  if (base.store.kind !== 'pglite')
    throw new Error('config/reconcile.yaml: store: expected the demo pglite store')
  const { definitions, issues } = await loadDefinitions(base.checksDir, new Set(base.connections.keys()))
  if (issues.length > 0) throw new Error(`checks/ is invalid: ${JSON.stringify(issues)}`)

  const dir = await mkdtemp(path.join(tmpdir(), 'reconcile-shots-'))
  let browser: Browser | undefined
  try {
    await rm(OUT, { recursive: true, force: true })
    await mkdir(OUT, { recursive: true })
    const now = new Date()
    console.log(`Building the demo databases in ${dir} …`)
    await seedDemoDatabases(path.join(dir, 'demo'), now)
    const sv = configIn(base, dir, 'sv')
    // Three nights into the Swedish store: the copy loses more visits each night, so the charts show a trend.
    for (const [night, lost] of [
      [2, 0],
      [1, 200],
      [0, 300],
    ] as const) {
      if (lost > 0) {
        const ci = await PGlite.create(path.join(dir, 'demo', 'ci'))
        await ci.exec(
          `DELETE FROM ci.fact_visit WHERE visit_key IN (SELECT visit_key FROM ci.fact_visit ORDER BY visit_key LIMIT ${lost})`,
        )
        await ci.close()
      }
      console.log(`Running the checks as of ${night === 0 ? 'today' : `${night} day(s) ago`} …`)
      await runAndNotify({
        config: sv,
        definitions,
        trigger: 'schedule:nightly',
        now: () => new Date(now.getTime() - night * DAY),
      })
    }
    // One night into an English store, for the English alert mail.
    const en = configIn(base, dir, 'en')
    console.log('Running the checks once more for the English mail …')
    await runAndNotify({ config: en, definitions, trigger: 'schedule:nightly', now: () => now })

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    })
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const written: string[] = []

    for (const language of LANGUAGES) {
      const config = language === 'sv' ? sv : en
      const store = await ResultsStore.open(config.store)
      try {
        // The morning report, queued as the daemon queues it, from the same store.
        const channels = configuredChannels(config)
        try {
          await queueMorningReport({
            store,
            config,
            channels,
            definitions,
            now,
            key: `report:screenshots:${language}`,
          })
        } finally {
          closeChannels(channels)
        }
        const report = (await store.outbox.list({ all: true })).find(
          (m) => m.kind === 'morning_report' && m.channel === 'mail',
        )
        if (report !== undefined) {
          const file = path.join(dir, `report-${language}.html`)
          await writeFile(file, report.html)
          await page.goto(`file://${file}`)
          const png = path.join(OUT, `mail-morning-report-${language}.png`)
          await page.screenshot({ path: png, fullPage: true })
          written.push(png)
        }
        const alerts = (await store.outbox.list({ all: true })).filter(
          (m) => m.kind === 'incident_opened' && m.channel === 'mail',
        )
        const checkOf = new Map((await store.incidents.open()).map((i) => [i.incidentId, i.checkId]))
        for (const alert of alerts) {
          const file = path.join(dir, `alert-${language}-${alert.messageId}.html`)
          await writeFile(file, alert.html)
          await page.goto(`file://${file}`)
          const check = checkOf.get(alert.incidentId ?? '') ?? alert.messageId.slice(0, 8)
          const png = path.join(OUT, `mail-alert-${check}-${language}.png`)
          await page.screenshot({ path: png, fullPage: true })
          written.push(png)
        }
      } finally {
        await store.close()
      }
    }

    const queries = new StoreQueries(await openStoreForReading(sv.store))
    const dashboard = await startDashboard({ config: sv, definitions, queries, port: 0, now: () => now })
    try {
      const url = dashboard.url.replace(/\/$/, '')
      for (const language of LANGUAGES) {
        for (const [name, p] of PAGES) {
          const response = await page.goto(`${url}/${language}${p}`)
          if (response?.status() !== 200) throw new Error(`${language}${p}: HTTP ${response?.status()}`)
          const png = path.join(OUT, `dashboard-${name}-${language}.png`)
          await page.screenshot({ path: png, fullPage: true })
          written.push(png)
        }
        const phone = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
        })
        const small = await phone.newPage()
        await small.goto(`${url}/${language}/`)
        const png = path.join(OUT, `dashboard-today-${language}-phone.png`)
        await small.screenshot({ path: png, fullPage: true })
        written.push(png)
        await phone.close()
      }
    } finally {
      await dashboard.close()
      await queries.close()
    }
    console.log(`Wrote ${written.length} screenshots to ${path.relative(process.cwd(), OUT)}/:`)
    for (const png of written) console.log(`  ${path.basename(png)}`)
  } finally {
    await browser?.close()
    await rm(dir, { recursive: true, force: true })
  }
}

shoot().catch((error: unknown) => {
  console.error(`screenshots failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
