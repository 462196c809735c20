import type { CheckResult, ResultStatus } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { RunSummary, StoreTransaction } from '../store/results-store.js'
import type { StoredResult } from '../store/stored-result.js'

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

/** One check's line of the morning report. */
export interface ReportCheck {
  /** The check's id and its readable title (the id again for a check whose definition is gone). */
  readonly check: { readonly id: string; readonly title: string }
  /** Its results in the latest run that ran it (empty when it has not run in the trend window). */
  readonly latest: readonly StoredResult[]
  /** Worst status per local day, oldest first; null for a day without a run. */
  readonly trend: ReadonlyArray<{ readonly date: string; readonly status: ResultStatus | null }>
  /** When its open incident opened (ISO), or null when it has none. */
  readonly openSince: string | null
}

/** Everything the morning report says, read from the results store when it is due. */
export interface MorningReport {
  /** When the report was made (ISO 8601 UTC). */
  readonly generatedAt: string
  readonly checks: readonly ReportCheck[]
  /** When the last load finished, as canonical timestamp text (naive local or with Z); null when unknown. */
  readonly lastLoadFinished: string | null
  readonly lastRun: RunSummary | null
  /**
   * The night's scheduled run when it had not finished as the report was made (the report waited for it until
   * its limit): the schedule's name and when the run was claimed (ISO 8601 UTC). Absent when none was unfinished.
   */
  readonly unfinishedRun?: { readonly schedule: string; readonly since: string }
}

/**
 * The morning report is due: every channel that takes it composes its own form (the mail a readable report, a
 * webhook a JSON summary). Sent also when everything passed, so that its absence is itself a signal.
 */
export interface MorningReportEvent {
  readonly type: 'morning_report'
  /** Unique per report slot, e.g. `report:2026-11-24T07:00` or `report:cli:2026-11-24`; channels append theirs. */
  readonly key: string
  readonly report: MorningReport
  /** When it was made (ISO). */
  readonly at: string
}

/** Everything a notification channel can be told about: an incident's change or the morning report. */
export type NotificationEvent = IncidentEvent | MorningReportEvent

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
