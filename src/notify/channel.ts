import type { Locale, MailConfig } from '../config/types.js'
import type { NotificationEvent } from '../incidents/events.js'
import type { NewOutboxMessage, OutboxMessage } from '../store/outbox-store.js'
import type { CheckInfo } from './check-info.js'

/** What every channel needs to compose a notification, besides the event itself. */
export interface ComposeContext {
  readonly installation: string
  readonly locale: Locale
  readonly timezone: string
  /** Reminder interval of open incidents in ms, or null when off; messages mention it. */
  readonly reminderAfterMs: number | null
  /** The dashboard's public address (`web.public_url`), for links; absent when not configured. */
  readonly publicUrl?: string
  /** The check's readable description (title, vendor responsibility, recipients). */
  readonly infoOf: (check: string) => CheckInfo
}

/** A notification as a channel composed it: an outbox row without the ids the outbox gives it. */
export type ChannelMessage = Omit<NewOutboxMessage, 'messageId' | 'channel' | 'incidentId' | 'runId'>

/** What a channel made of one event. */
export interface Composed {
  readonly messages: readonly ChannelMessage[]
  /** Notifications it could not address, e.g. `vendor_ticket for outpatient-visits` with no vendor recipients. */
  readonly unaddressed: readonly string[]
}

/** Backoff of a notification that could not be sent: the delay doubles from initial to max; `attempts` in all. */
export type RetryPolicy = MailConfig['retry']

/**
 * One way notifications leave: composes an event into outbox rows when the event happens, and sends a row when
 * it is due. Adding a channel is one file implementing this and one line in {@link configuredChannels}.
 */
export interface Channel {
  /** Stored with every row it queues: `mail` or `webhook:<name>`. */
  readonly name: string
  /** For log lines: where it sends, never a secret. */
  readonly description: string
  readonly retry: RetryPolicy
  /** Whether an incident of the check, opening now, gets a vendor ticket through this channel (default false). */
  vendorTicket?(info: CheckInfo): boolean
  /** The rows to queue for `event` (none for an event it does not take); dedupe keys start with `event.key`. */
  compose(event: NotificationEvent, context: ComposeContext): Composed
  /** Sends one row; resolves with what the receiver answered, rejects when it failed (the outbox retries). */
  send(message: OutboxMessage): Promise<string>
  /** Closes open connections. */
  close(): void
}
