import type { CheckResult } from '../results/types.js'
import type { DemoScenario, ExpectedFailure, InjectedFault } from './scenario.js'

const sameKey = (result: CheckResult, expected: ExpectedFailure): boolean =>
  result.check === expected.check && result.assertion === expected.assertion

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`
}

/** Word-wraps `text` to lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(indent + line)
  return lines
}

function resultLine(result: CheckResult): string {
  const why =
    result.status === 'error' && result.error !== null
      ? `could not run: ${result.error.message}`
      : result.message
  return `     ${result.status.padEnd(5)}  ${result.check} / ${result.assertion}: ${why}`
}

/** Whether every expected failure of a fault has a result, and every such result failed. */
function faultOutcome(
  fault: InjectedFault,
  results: readonly CheckResult[],
): { caught: boolean; lines: string[] } {
  const lines: string[] = []
  let caught = true
  for (const expected of fault.expectedFailures) {
    const matching = results.filter((r) => sameKey(r, expected))
    if (matching.length === 0) {
      caught = false
      lines.push(`     none   ${expected.check} / ${expected.assertion}: no result; the check did not run`)
      continue
    }
    if (matching.some((r) => r.status !== 'fail')) caught = false
    lines.push(...matching.map(resultLine))
  }
  return { caught, lines }
}

/**
 * The ending of the demo, as plain text for a terminal: for each injected fault, whether it was caught (every
 * expected (check, assertion) result has status `fail`) and by which results; then whether the source's changes
 * after the cutoff raised no alarm (no failing result beyond the expected ones) and which results could not run;
 * and a last line that says it all, e.g. "All 3 injected faults were caught; the 360 rows changed after the
 * cutoff raised no alarm."
 */
export function describeFaultsCaught(scenario: DemoScenario, results: readonly CheckResult[]): string {
  const out: string[] = ['What the demo broke in the reporting copy, and what the checks found', '']
  const missed: string[] = []
  scenario.faults.forEach((fault, i) => {
    const { caught, lines } = faultOutcome(fault, results)
    if (!caught) missed.push(fault.id)
    out.push(`${i + 1}. ${fault.id}: ${caught ? 'CAUGHT' : 'MISSED'}`, ...wrap(fault.description, '   '))
    out.push(caught ? '   Caught by:' : '   Expected these to fail:', ...lines, '')
  })

  const expected = scenario.faults.flatMap((f) => f.expectedFailures)
  const unexpected = results.filter((r) => !expected.some((e) => sameKey(r, e)))
  const falseAlarms = unexpected.filter((r) => r.status === 'fail')
  const notRun = unexpected.filter((r) => r.status === 'error')
  const { visits, referrals, updatedVisits } = scenario.postCutoffChanges
  const changedRows = visits + referrals + updatedVisits
  const updated = updatedVisits === 0 ? '' : ` and ${plural(updatedVisits, 'older visit')} updated`
  out.push(
    ...wrap(
      `After the night's load (finished ${scenario.cutoff.replace('T', ' ')} local time), Cosmic got ${plural(visits, 'new visit')} and ${plural(referrals, 'new referral')}${updated}, which the reporting copy cannot have yet.`,
      '',
    ),
  )
  const late = new Map(
    results.flatMap((r) => {
      const rows = r.lateChanges?.rows
      return rows === undefined || rows === null ? [] : [[r.check, rows] as const]
    }),
  )
  for (const [check, rows] of late)
    out.push(
      `   ${check} left out ${plural(rows, 'row')} changed after the cutoff on both sides (late changes).`,
    )
  if (falseAlarms.length === 0) {
    out.push('   No other result failed: they raised no alarm.')
  } else {
    out.push(
      `   ${plural(falseAlarms.length, 'other result')} failed, which no injected fault explains:`,
      ...falseAlarms.map(resultLine),
    )
  }
  if (notRun.length > 0) {
    out.push(
      `   ${plural(notRun.length, 'result')} could not run, so they show nothing either way:`,
      ...notRun.map(resultLine),
    )
  }
  out.push('')

  const total = scenario.faults.length
  const caughtCount = total - missed.length
  const faults =
    missed.length === 0
      ? total === 1
        ? 'The injected fault was caught'
        : `All ${total} injected faults were caught`
      : caughtCount === 0
        ? `None of the ${plural(total, 'injected fault')} was caught`
        : `${caughtCount} of ${total} injected faults were caught (missed: ${missed.join(', ')})`
  const changes =
    falseAlarms.length === 0
      ? `the ${plural(changedRows, 'row')} changed after the cutoff raised no alarm`
      : `but ${plural(falseAlarms.length, 'other result')} failed as well, possibly false alarms from the ${plural(changedRows, 'row')} changed after the cutoff`
  const errors = notRun.length === 0 ? '' : `; ${plural(notRun.length, 'result')} could not run`
  out.push(`${faults}; ${changes}${errors}.`)
  return out.join('\n')
}
