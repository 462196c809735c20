import path from 'node:path'
import { runCommand } from '../cli/commands/run.js'
import { EXIT } from '../cli/exit-codes.js'
import { type CliIo, processIo } from '../cli/io.js'
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js'
import { loadConfig } from '../config/load-config.js'
import { describeError } from '../errors/errors.js'
import { loadDefinitions } from '../check-kinds/load-definitions.js'
import { countOf, plural } from '../i18n/format.js'
import { deliverOutbox } from '../notify/deliver.js'
import { queueMorningReport } from '../notify/queue-report.js'
import { closeChannels, configuredChannels } from '../notify/channels.js'
import { messageContext } from '../pipeline/run-and-notify.js'
import { ResultsStore } from '../store/results-store.js'
import { useDemoKeySecret } from './key-secret.js'
import { describeFaultsCaught } from './report-faults.js'
import { seedDemoDatabases } from './seed.js'

/** Where the demo's databases live; config/reconcile.yaml points its connections here. */
const DEMO_DIR = path.resolve('.data/demo')
const nf = new Intl.NumberFormat('en-US')

/**
 * `npm run demo`: builds a synthetic Cosmic source and a restructured CI copy with injected faults, runs the real
 * checks in checks/ against them through the same code path as `reconcile run`, and says which faults were caught.
 * Exits 0 when every injected fault was caught and nothing else raised an alarm.
 */
async function demo(io: CliIo): Promise<number> {
  io.out(
    'cosmic-reconcile demo: a synthetic "cosmic" source and its "ci" reporting copy, on embedded PGlite.',
  )
  // A fixed, public, demo-only secret: masked keys are then the same in every demo run.
  if (useDemoKeySecret().demo)
    io.out(
      '  Masked keys use a fixed demo-only secret; a real installation sets its own RECONCILE_KEY_SECRET.',
    )
  io.out(`Building the demo databases in ${DEMO_DIR} …`)
  const t0 = performance.now()
  const scenario = await seedDemoDatabases(DEMO_DIR, new Date())
  const { rows, postCutoffChanges } = scenario
  io.out(
    `  cosmic: ${nf.format(rows.units)} care units, ${nf.format(rows.patients)} patients (fake identifiers), ${nf.format(rows.visits)} outpatient visits, ${nf.format(rows.referrals)} referrals`,
  )
  io.out(
    `  ci: the same data restructured as a warehouse (renamed tables and columns, a fact table per event, a unit dimension)`,
  )
  io.out(
    `  The night's load finished at ${scenario.cutoff.replace('T', ' ')} (Europe/Stockholm); the visits check compares as of the load's start.`,
  )
  io.out(
    `  After the load, ${nf.format(postCutoffChanges.visits)} visits and ${nf.format(postCutoffChanges.referrals)} referrals were added in cosmic and ${nf.format(postCutoffChanges.updatedVisits)} older visits updated: they must raise no alarm.`,
  )
  io.out(`  ${scenario.faults.length} faults were injected into ci; the checks below do not know which.`)
  io.out(`  (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  io.out('')
  io.out(`Running every check in checks/ as "reconcile run --config ${DEFAULT_CONFIG_FILE}" would:`)
  io.out('')
  const { run } = await runCommand({ configFile: DEFAULT_CONFIG_FILE, trigger: 'demo' }, io)
  if (run === undefined) return EXIT.error
  io.out('')
  io.out(describeFaultsCaught(scenario, run.results))
  io.out('')
  await demoMail(io)
  io.out('')
  io.out('Next:')
  const next: ReadonlyArray<readonly [string, string]> = [
    ['npm run reconcile -- serve', 'the dashboard on the results: open http://127.0.0.1:8080/'],
    [
      'npm run reconcile -- explain -o control.html',
      'the control document for auditors (Swedish; --lang en)',
    ],
    ['npm run reconcile -- history --check outpatient-visits', 'past results of one check'],
    ['npm run reconcile -- incidents', 'the open incidents'],
    ['npm run reconcile -- outbox --all', 'every message, sent or not'],
    ['less checks/outpatient-visits.yaml', 'what a check definition looks like'],
  ]
  for (const [command, what] of next) {
    io.out(`  ${command.padEnd(58)}${what}`)
  }
  const caught = scenario.faults.every((fault) =>
    fault.expectedFailures.every((e) =>
      run.results.some((r) => r.check === e.check && r.assertion === e.assertion && r.status === 'fail'),
    ),
  )
  const unexpected = run.results.filter(
    (r) =>
      r.status !== 'pass' &&
      !scenario.faults.some((f) =>
        f.expectedFailures.some((e) => e.check === r.check && e.assertion === r.assertion),
      ),
  )
  return caught && unexpected.length === 0 ? EXIT.ok : EXIT.failed
}

/**
 * Shows the mail side: the alerts the run queued went to .eml files (the demo configures no SMTP server); the
 * morning report is composed now too, and the demo says where the files are.
 */
async function demoMail(io: CliIo): Promise<void> {
  const { config } = await loadConfig(DEFAULT_CONFIG_FILE)
  const context = config === undefined ? null : messageContext(config)
  if (config?.mail === undefined || context === null) return
  const { definitions } = await loadDefinitions(config.checksDir, new Set(config.connections.keys()))
  const store = await ResultsStore.open(config.store)
  const channels = configuredChannels(config)
  try {
    const now = new Date()
    const { subject } = await queueMorningReport({
      store,
      config,
      channels,
      definitions,
      now,
      key: `report:demo:${now.toISOString()}`,
    })
    const delivery = await deliverOutbox({ store, channels, now: () => new Date() })
    const incidents = await store.incidents.open()
    io.out('Alerts and the morning report')
    const open =
      incidents.length === 0
        ? 'No incident is open'
        : `${countOf(incidents.length, 'en', ['incident', 'incidents'])} ${plural(incidents.length, 'en', ['is', 'are'])} open (${incidents.map((i) => i.checkId).join(', ')})`
    io.out(`  ${open}; a check's alert is sent once, when its incident opens.`)
    io.out(`  Morning report: "${subject}"`)
    io.out(
      `  No SMTP server is configured, so messages are written as .eml files (open them in any mail client):`,
    )
    for (const s of delivery.sent) io.out(`    ${s.via}`)
    if (config.mail.transport.kind === 'eml') io.out(`  Directory: ${config.mail.transport.dir}`)
  } finally {
    closeChannels(channels)
    await store.close()
  }
}

// One writer per stream for the whole process, so a closed stdout or stderr (`npm run demo | head`) is no crash.
const io = processIo()
demo(io).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    io.err(`demo failed: ${describeError(error)}`)
    process.exitCode = EXIT.error
  },
)
