import { randomUUID } from 'node:crypto'
import type { CheckResult } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { FailingAssertion } from '../store/schema.js'

/**
 * When the people responsible hear about an incident, as data that {@link decideIncidents} acts on and the control
 * document states: one message when a check first fails or cannot run; nothing for further failing runs while
 * the incident stays open, except a reminder once it has been without a message for `reminderAfterMs` (and again
 * after every further such interval, since a reminder is a message); one message when the check passes again.
 */
export interface IncidentPolicy {
  /** Remind after this long without a message, in ms; null: never (`incidents.reminder_after: off`). */
  readonly reminderAfterMs: number | null
}

/** The incident policy of a configuration (`incidents.reminder_after`, default 3 days). */
export function incidentPolicy(config: { readonly reminderAfterMs: number | null }): IncidentPolicy {
  return { reminderAfterMs: config.reminderAfterMs }
}

/** Whether an open incident last messaged at `lastNotifiedAt` (ISO text) is due a reminder at `now`. */
export function reminderDue(policy: IncidentPolicy, lastNotifiedAt: string, now: Date): boolean {
  if (policy.reminderAfterMs === null) return false
  return now.getTime() - new Date(lastNotifiedAt).getTime() >= policy.reminderAfterMs
}

/** What one run means for one check's incident. */
export type IncidentDecision =
  | { readonly type: 'open'; readonly incident: IncidentRecord; readonly results: readonly CheckResult[] }
  | {
      readonly type: 'update'
      readonly incident: IncidentRecord
      readonly results: readonly CheckResult[]
      /** The incident has been open without a message for longer than the reminder interval. */
      readonly remind: boolean
    }
  | { readonly type: 'resolve'; readonly incident: IncidentRecord; readonly results: readonly CheckResult[] }

/** One line about what failed, for the incident list: `row_count, sum(fee) failed` and the first message. */
export function summarize(results: readonly CheckResult[]): string {
  const bad = results.filter((r) => r.status !== 'pass')
  const first = bad.find((r) => r.status === 'error') ?? bad[0]
  if (first === undefined) return ''
  const more = bad.length > 1 ? ` (+${bad.length - 1} more)` : ''
  return `${first.assertion}: ${first.message}${more}`
}

function failingOf(results: readonly CheckResult[]): FailingAssertion[] {
  return results.flatMap((r) => (r.status === 'pass' ? [] : [{ assertion: r.assertion, status: r.status }]))
}

/** Results grouped by check, in the order the checks first appear. */
export function groupByCheck(results: readonly CheckResult[]): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>()
  for (const r of results) {
    const list = groups.get(r.check)
    if (list === undefined) groups.set(r.check, [r])
    else list.push(r)
  }
  return groups
}

/**
 * Decides, for each check in a run, what happens to its incident: a check that did not pass opens one (or, when
 * one is open, updates it and says whether a reminder is due); a check that passed resolves its open incident.
 * A check absent from the run (not selected, or not reached before an abort) changes nothing. Pure: the caller
 * applies the decisions. The messages follow {@link incidentPolicy}.
 */
export function decideIncidents(options: {
  open: readonly IncidentRecord[]
  results: readonly CheckResult[]
  now: Date
  /** Remind after this long without a message; null for never. */
  reminderAfterMs: number | null
  /** Whether a new incident gets a vendor ticket. */
  vendorTicket: (check: string) => boolean
}): IncidentDecision[] {
  const policy = incidentPolicy(options)
  const openByCheck = new Map(options.open.map((i) => [i.checkId, i]))
  const at = options.now.toISOString()
  const decisions: IncidentDecision[] = []
  for (const [check, results] of groupByCheck(options.results)) {
    const open = openByCheck.get(check)
    const bad = results.filter((r) => r.status !== 'pass')
    const runId = results[0]?.runId ?? ''
    if (bad.length === 0) {
      if (open !== undefined) decisions.push({ type: 'resolve', incident: open, results })
      continue
    }
    const status = bad.some((r) => r.status === 'error') ? 'error' : 'fail'
    if (open === undefined) {
      decisions.push({
        type: 'open',
        results,
        incident: {
          incidentId: randomUUID(),
          checkId: check,
          status: 'open',
          openedAt: at,
          lastSeenAt: at,
          resolvedAt: null,
          openedRunId: runId,
          lastRunId: runId,
          resolvedRunId: null,
          occurrences: 1,
          worstStatus: status,
          lastStatus: status,
          failing: failingOf(results),
          summary: summarize(results),
          definitionHash: results[0]?.definitionHash ?? '',
          vendorTicket: options.vendorTicket(check),
          lastNotifiedAt: at,
          reminders: 0,
        },
      })
      continue
    }
    decisions.push({
      type: 'update',
      results,
      remind: reminderDue(policy, open.lastNotifiedAt, options.now),
      incident: {
        ...open,
        lastSeenAt: at,
        lastRunId: runId,
        lastStatus: status,
        worstStatus: status === 'error' ? 'error' : open.worstStatus,
        occurrences: open.occurrences + 1,
        failing: failingOf(results),
        summary: summarize(results),
        definitionHash: results[0]?.definitionHash ?? open.definitionHash,
      },
    })
  }
  return decisions
}
