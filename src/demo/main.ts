import path from 'node:path'
import { runCommand } from '../cli/commands/run.js'
import { EXIT } from '../cli/exit-codes.js'
import { processIo } from '../cli/io.js'
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js'
import { describeError } from '../errors/errors.js'
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
async function demo(): Promise<number> {
  const io = processIo()
  io.out(
    'cosmic-reconcile demo: a synthetic "cosmic" source and its "ci" reporting copy, on embedded PGlite.',
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
    `  The night's load finished at ${scenario.cutoff.replace('T', ' ')} (Europe/Stockholm): that is the cutoff.`,
  )
  io.out(
    `  After it, ${nf.format(postCutoffChanges.visits)} visits and ${nf.format(postCutoffChanges.referrals)} referrals were added in cosmic: they must raise no alarm.`,
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
  io.out('Next:')
  io.out(
    '  npm run reconcile -- history --check outpatient-visits   past results of one check, from the store',
  )
  io.out('  npm run reconcile -- run --check referrals --json        one check, as JSON')
  io.out('  less checks/outpatient-visits.yaml                       what a check definition looks like')
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

demo().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${describeError(error)}\n`)
    process.exitCode = EXIT.error
  },
)
