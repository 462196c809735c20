import type { CheckResult } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { StoreTransaction } from '../store/results-store.js'

/**
 * Results that reached the store late: a later run loaded them from the spool because the store could not be
 * written when they were found. Notifications are then dated at the run that found them and say so.
 */
export interface LateDelivery {
  /** The run's final status as it ended (`finished` or `aborted`), not as the spool replay saw it. */
  readonly status: 'finished' | 'aborted'
  /** When the results were loaded into the store (ISO). */
  readonly storedAt: string
}

/** What happened to an incident, as notification channels subscribe to it. */
export type IncidentEventType = 'incident_opened' | 'incident_reminder' | 'incident_resolved'

/**
 * One change of an incident, with what composing a notification of it needs: the incident as it is now and the
 * results of the run that changed it. Holds no value beyond what the results store already records.
 */
export interface IncidentEvent {
  readonly type: IncidentEventType
  /** Unique per incident and change, e.g. `incident:<id>:opened` or `incident:<id>:reminder:2`; each channel
   * appends its own part to make the outbox's dedupe key. */
  readonly key: string
  readonly incident: IncidentRecord
  readonly results: readonly CheckResult[]
  /** When the change was processed (ISO): the run's own time, or for results stored late the run that found them. */
  readonly at: string
  readonly late?: LateDelivery
}

/** What queuing one event did. */
export interface QueuedNotifications {
  /** Rows written to the outbox (a row already queued under its dedupe key is not counted). */
  readonly queued: number
  /** Notifications not queued for want of a receiver, e.g. `vendor_ticket for outpatient-visits`. */
  readonly unaddressed: readonly string[]
}

/**
 * Where incidents send their events: implemented by notify, which composes each configured channel's message and
 * writes it to the outbox in the incident's own transaction.
 */
export interface NotificationSink {
  /** Whether an incident of this check, opening now, should carry a vendor ticket. */
  vendorTicket(check: string): boolean
  /** Queues every channel's notification of `event` within `tx`. */
  queue(tx: StoreTransaction, event: IncidentEvent): Promise<QueuedNotifications>
}
