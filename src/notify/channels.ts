import { randomUUID } from 'node:crypto'
import type { Config } from '../config/types.js'
import type { NotificationEvent, NotificationSink, QueuedNotifications } from '../incidents/events.js'
import type { OutboxStore } from '../store/outbox-store.js'
import type { Channel, ComposeContext } from './channel.js'
import type { CheckInfo } from './check-info.js'
import { mailChannel } from './mail-channel.js'
import type { MailTransport } from './transport.js'
import { webhookChannel } from './webhook-channel.js'

/**
 * The channels a configuration asks for: mail when it has a `mail` section, one per entry of `webhooks`.
 * `transport` replaces the configured mail transport (tests, or a caller that keeps it open); the caller closes
 * the channels with {@link closeChannels}.
 */
export function configuredChannels(config: Config, options: { transport?: MailTransport } = {}): Channel[] {
  const channels: Channel[] = []
  if (config.mail !== undefined) channels.push(mailChannel(config.mail, options.transport))
  for (const webhook of config.webhooks) channels.push(webhookChannel(webhook))
  return channels
}

/** The compose context of a configuration, with the checks' descriptions from `infoOf`. */
export function composeContext(config: Config, infoOf: (check: string) => CheckInfo): ComposeContext {
  return {
    installation: config.installation,
    locale: config.locale,
    timezone: config.timezone,
    reminderAfterMs: config.reminderAfterMs,
    publicUrl: config.publicUrl,
    infoOf,
  }
}

/** Closes every channel's connections. */
export function closeChannels(channels: readonly Channel[]): void {
  for (const channel of channels) channel.close()
}

/**
 * The sink incidents send their events to: each channel composes the event and its rows are queued in the
 * incident's transaction under their dedupe keys. Null without channels, so incidents are tracked silently.
 */
export function notificationSink(
  channels: readonly Channel[],
  context: ComposeContext,
): NotificationSink | null {
  if (channels.length === 0) return null
  return {
    vendorTicket: (check) => {
      const info = context.infoOf(check)
      return channels.some((c) => c.vendorTicket?.(info) === true)
    },
    queue: (tx, event) => queueEvent(tx.outbox, channels, context, event),
  }
}

/**
 * Has every channel compose `event` and writes the rows to `outbox` under their dedupe keys, so an event queued
 * twice (a retried cron job, a second daemon) is sent once. Rows of an incident carry its id and run id.
 */
export async function queueEvent(
  outbox: OutboxStore,
  channels: readonly Channel[],
  context: ComposeContext,
  event: NotificationEvent,
): Promise<QueuedNotifications> {
  let queued = 0
  const unaddressed: string[] = []
  const ids =
    event.type === 'morning_report'
      ? {}
      : { incidentId: event.incident.incidentId, runId: event.results[0]?.runId }
  for (const channel of channels) {
    const composed = channel.compose(event, context)
    unaddressed.push(...composed.unaddressed)
    for (const message of composed.messages) {
      const inserted = await outbox.enqueue(
        { ...message, messageId: randomUUID(), channel: channel.name, ...ids },
        event.at,
      )
      if (inserted) queued += 1
    }
  }
  return { queued, unaddressed }
}
