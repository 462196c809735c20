import type { MailConfig } from '../config/types.js'
import type { IncidentEvent, MorningReportEvent, NotificationEvent } from '../incidents/events.js'
import type { Channel, ChannelMessage, ComposeContext, Composed } from './channel.js'
import { composeIncidentAlert, type IncidentMoment } from './incident-mail.js'
import type { ComposedMessage, MessageContext } from './message.js'
import { composeMorningReport } from './morning-report.js'
import { createTransport, type MailTransport } from './transport.js'
import { composeVendorTicket } from './vendor-ticket.js'

const MOMENT: Readonly<Record<IncidentEvent['type'], IncidentMoment>> = {
  incident_opened: 'opened',
  incident_reminder: 'reminder',
  incident_resolved: 'resolved',
}

/** The mail channel's {@link MessageContext}: the compose context with the configured recipients. */
export function mailContext(context: ComposeContext, mail: MailConfig): MessageContext {
  return {
    installation: context.installation,
    locale: context.locale,
    timezone: context.timezone,
    recipients: mail.recipients,
    reminderAfterMs: context.reminderAfterMs,
    ...(context.publicUrl === undefined ? {} : { publicUrl: context.publicUrl }),
  }
}

/** The morning report as a mail to `mail.recipients.report`, under the event's key plus `:report`. */
function composeReport(event: MorningReportEvent, context: ComposeContext, mail: MailConfig): Composed {
  const message = composeMorningReport(event.report, mailContext(context, mail))
  if (message.recipients.length === 0) return { messages: [], unaddressed: [message.kind] }
  return { messages: [{ ...message, dedupeKey: `${event.key}:report` }], unaddressed: [] }
}

/**
 * Mail: the morning report to its readers, an alert to the shared mailbox for every incident event, a vendor
 * ticket when an incident of a check the vendor answers for opens (and the resolved message to the vendor too),
 * sent through SMTP or as `.eml` files. Dedupe keys are the event's key plus `:report`, `:alerts` or `:vendor`. A
 * `given` transport stays open on close: its owner closes it.
 */
export function mailChannel(mail: MailConfig, given?: MailTransport): Channel {
  const transport = given ?? createTransport(mail)
  return {
    name: 'mail',
    description: transport.description,
    retry: mail.retry,
    vendorTicket: (info) => info.vendor && mail.recipients.vendor.length > 0,
    compose(event: NotificationEvent, context: ComposeContext): Composed {
      if (event.type === 'morning_report') return composeReport(event, context, mail)
      const info = context.infoOf(event.incident.checkId)
      const message = mailContext(context, mail)
      const alert = composeIncidentAlert(
        MOMENT[event.type],
        info,
        event.incident,
        event.results,
        message,
        event.at,
        event.late,
      )
      const composed: Array<[string, ComposedMessage]> = [[`${event.key}:alerts`, alert]]
      if (event.incident.vendorTicket && event.type === 'incident_opened')
        composed.push([
          `${event.key}:vendor`,
          composeVendorTicket(info, event.incident, event.results, message),
        ])
      if (event.incident.vendorTicket && event.type === 'incident_resolved')
        composed.push([
          `${event.key}:vendor`,
          { ...alert, purpose: 'vendor', recipients: mail.recipients.vendor },
        ])
      const messages: ChannelMessage[] = []
      const unaddressed: string[] = []
      for (const [dedupeKey, m] of composed) {
        if (m.recipients.length === 0) unaddressed.push(`${m.kind} for ${event.incident.checkId}`)
        else messages.push({ ...m, dedupeKey })
      }
      return { messages, unaddressed }
    },
    send: (message) => transport.send(message, mail.from),
    close: () => {
      if (given === undefined) transport.close()
    },
  }
}
