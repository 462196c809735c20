import { randomUUID } from 'node:crypto'
import type { CheckResult } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { ResultsStore, StoreTransaction } from '../store/results-store.js'
import type { CheckInfo } from '../notify/check-info.js'
import { composeIncidentAlert, type LateDelivery } from '../notify/incident-mail.js'
import type { ComposedMessage, MessageContext } from '../notify/message.js'
import { composeVendorTicket } from '../notify/vendor-ticket.js'
import { decideIncidents, type IncidentDecision } from './decide.js'

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
 * Applies one run's results to the incidents and queues their messages: an alert when an incident opens (and a
 * vendor ticket when the check's definition says so), a reminder when one has been open without a message for
 * the configured time, and a message when it resolves. Each incident's change and its messages are written in one
 * transaction, and every state change is conditional, so a message is queued exactly once per change even when
 * two processes record results at once. With `context` null (no mail configured) incidents are tracked silently.
 */
export async function processRunIncidents(options: {
  store: ResultsStore
  results: readonly CheckResult[]
  infoOf: (check: string) => CheckInfo
  /** Null when no mail is configured. */
  context: MessageContext | null
  /** When the results are processed: the run's own time; for results stored late, the run that found them. */
  now: Date
  reminderAfterMs: number | null
  /** Set when the results were loaded from the spool by a later run: the alerts say they were stored late. */
  late?: LateDelivery
}): Promise<IncidentOutcome> {
  const { store, context } = options
  const at = options.now.toISOString()
  const decisions = decideIncidents({
    open: await store.incidents.open(),
    results: options.results,
    now: options.now,
    reminderAfterMs: options.reminderAfterMs,
    vendorTicket: (check) =>
      context !== null && options.infoOf(check).vendor && context.recipients.vendor.length > 0,
  })
  const opened: IncidentRecord[] = []
  const updated: IncidentRecord[] = []
  const reminded: IncidentRecord[] = []
  const resolved: IncidentRecord[] = []
  const unaddressed: string[] = []
  let queued = 0

  const enqueue = async (
    tx: StoreTransaction,
    key: string,
    message: ComposedMessage,
    decision: IncidentDecision,
  ) => {
    if (message.recipients.length === 0) {
      unaddressed.push(`${message.kind} for ${decision.incident.checkId}`)
      return
    }
    const inserted = await tx.outbox.enqueue(
      {
        ...message,
        messageId: randomUUID(),
        dedupeKey: key,
        incidentId: decision.incident.incidentId,
        runId: decision.results[0]?.runId,
      },
      at,
    )
    if (inserted) queued += 1
  }

  for (const decision of decisions) {
    const info = options.infoOf(decision.incident.checkId)
    const id = decision.incident.incidentId
    await store.transaction(async (tx) => {
      switch (decision.type) {
        case 'open': {
          if (!(await tx.incidents.insertOpen(decision.incident))) return
          opened.push(decision.incident)
          if (context === null) return
          await enqueue(
            tx,
            `incident:${id}:opened:alerts`,
            composeIncidentAlert(
              'opened',
              info,
              decision.incident,
              decision.results,
              context,
              at,
              options.late,
            ),
            decision,
          )
          if (decision.incident.vendorTicket) {
            await enqueue(
              tx,
              `incident:${id}:opened:vendor`,
              composeVendorTicket(info, decision.incident, decision.results, context),
              decision,
            )
          }
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
          if (!decision.remind || context === null) return
          const previous = decision.incident.lastNotifiedAt
          if (!(await tx.incidents.markReminded(id, previous, at))) return
          const incident = {
            ...decision.incident,
            lastNotifiedAt: at,
            reminders: decision.incident.reminders + 1,
          }
          reminded.push(incident)
          await enqueue(
            tx,
            `incident:${id}:reminder:${incident.reminders}:alerts`,
            composeIncidentAlert('reminder', info, incident, decision.results, context, at, options.late),
            decision,
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
          if (context === null) return
          const message = composeIncidentAlert(
            'resolved',
            info,
            incident,
            decision.results,
            context,
            at,
            options.late,
          )
          await enqueue(tx, `incident:${id}:resolved:alerts`, message, decision)
          if (incident.vendorTicket) {
            await enqueue(
              tx,
              `incident:${id}:resolved:vendor`,
              { ...message, purpose: 'vendor', recipients: context.recipients.vendor },
              decision,
            )
          }
          return
        }
      }
    })
  }
  return { opened, updated, reminded, resolved, queued, unaddressed }
}
