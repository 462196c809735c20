import type { CheckResult } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { ResultsStore, StoreTransaction } from '../store/results-store.js'
import { decideIncidents } from './decide.js'
import type { IncidentEvent, LateDelivery, NotificationSink } from './events.js'

/** What processing one run's results did to the incidents and the outbox. */
export interface IncidentOutcome {
  readonly opened: readonly IncidentRecord[]
  readonly updated: readonly IncidentRecord[]
  readonly reminded: readonly IncidentRecord[]
  readonly resolved: readonly IncidentRecord[]
  /** Messages written to the outbox. */
  readonly queued: number
  /** Messages not queued because their recipient list is empty, e.g. `vendor_ticket for outpatient-visits`. */
  readonly unaddressed: readonly string[]
}

/**
 * Applies one run's results to the incidents and hands each change to the notification sink as an event: an
 * incident opened, one open without a message for the configured time (a reminder), one resolved. Each
 * incident's change and its queued notifications are written in one transaction, and every state change is
 * conditional, so a notification is queued exactly once per change even when two processes record results at
 * once. With `notify` null (no channel configured) incidents are tracked silently.
 */
export async function processRunIncidents(options: {
  store: ResultsStore
  results: readonly CheckResult[]
  /** Null when no notification channel is configured. */
  notify: NotificationSink | null
  /** When the results are processed: the run's own time; for results stored late, the run that found them. */
  now: Date
  reminderAfterMs: number | null
  /** Set when the results were loaded from the spool by a later run: notifications say they were stored late. */
  late?: LateDelivery
}): Promise<IncidentOutcome> {
  const { store, notify } = options
  const at = options.now.toISOString()
  const decisions = decideIncidents({
    open: await store.incidents.open(),
    results: options.results,
    now: options.now,
    reminderAfterMs: options.reminderAfterMs,
    vendorTicket: (check) => notify?.vendorTicket(check) ?? false,
  })
  const opened: IncidentRecord[] = []
  const updated: IncidentRecord[] = []
  const reminded: IncidentRecord[] = []
  const resolved: IncidentRecord[] = []
  const unaddressed: string[] = []
  let queued = 0

  const emit = async (
    tx: StoreTransaction,
    event: Omit<IncidentEvent, 'at' | 'late' | 'results'>,
    results: readonly CheckResult[],
  ) => {
    if (notify === null) return
    const outcome = await notify.queue(tx, { ...event, results, at, late: options.late })
    queued += outcome.queued
    unaddressed.push(...outcome.unaddressed)
  }

  for (const decision of decisions) {
    const id = decision.incident.incidentId
    await store.transaction(async (tx) => {
      switch (decision.type) {
        case 'open': {
          if (!(await tx.incidents.insertOpen(decision.incident))) return
          opened.push(decision.incident)
          await emit(
            tx,
            { type: 'incident_opened', key: `incident:${id}:opened`, incident: decision.incident },
            decision.results,
          )
          return
        }
        case 'update': {
          const seen = {
            runId: decision.incident.lastRunId,
            at,
            status: decision.incident.lastStatus,
            failing: decision.incident.failing,
            summary: decision.incident.summary,
            definitionHash: decision.incident.definitionHash,
          }
          if (!(await tx.incidents.recordOccurrence(id, seen))) return
          updated.push(decision.incident)
          if (!decision.remind || notify === null) return
          const previous = decision.incident.lastNotifiedAt
          if (!(await tx.incidents.markReminded(id, previous, at))) return
          const incident = {
            ...decision.incident,
            lastNotifiedAt: at,
            reminders: decision.incident.reminders + 1,
          }
          reminded.push(incident)
          await emit(
            tx,
            { type: 'incident_reminder', key: `incident:${id}:reminder:${incident.reminders}`, incident },
            decision.results,
          )
          return
        }
        case 'resolve': {
          const runId = decision.results[0]?.runId ?? ''
          if (!(await tx.incidents.resolve(id, { runId, at }))) return
          const incident: IncidentRecord = {
            ...decision.incident,
            status: 'resolved',
            resolvedAt: at,
            resolvedRunId: runId,
          }
          resolved.push(incident)
          await emit(
            tx,
            { type: 'incident_resolved', key: `incident:${id}:resolved`, incident },
            decision.results,
          )
          return
        }
      }
    })
  }
  return { opened, updated, reminded, resolved, queued, unaddressed }
}
