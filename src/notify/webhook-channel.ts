import type { WebhookConfig } from '../config/types.js'
import { ReconcileError } from '../errors/errors.js'
import type { IncidentEvent, NotificationEvent } from '../incidents/events.js'
import type { Channel, ComposeContext, Composed } from './channel.js'
import { dashboardLink } from './check-info.js'
import { type Findings, findingsOf, worstStatus } from './describe.js'
import { incidentSubject, type IncidentMoment } from './incident-mail.js'
import { morningReportSummary } from './morning-report-summary.js'

const MOMENT: Readonly<Record<IncidentEvent['type'], IncidentMoment>> = {
  incident_opened: 'opened',
  incident_reminder: 'reminder',
  incident_resolved: 'resolved',
}

/** At most this much of an endpoint's answer is kept in the outbox's last error. */
const ANSWER_CHARS = 200

/**
 * The JSON a webhook receives. `text` is what Teams and Slack incoming webhooks show; the other fields are for
 * a program. Like the mail, it holds ids, statuses and counts only: never a value or a key of the compared data.
 */
export interface WebhookBody {
  readonly event: IncidentEvent['type']
  /**
   * The mail's subject, one line per finding (`row_count by municipality: 1 rad saknas i målet …`), then the
   * link when `web.public_url` is set.
   */
  readonly text: string
  readonly installation: string
  readonly check: { readonly id: string; readonly title: string }
  /** `fail` or `error` while open; `pass` for `incident_resolved`. */
  readonly status: 'pass' | 'fail' | 'error'
  /** The run's assertions of this check by status. */
  readonly counts: { readonly pass: number; readonly fail: number; readonly error: number }
  readonly incident: {
    readonly id: string
    readonly status: string
    readonly openedAt: string
    readonly resolvedAt: string | null
    readonly occurrences: number
    readonly reminders: number
    /** The assertions failing when it last failed, with their status. */
    readonly failing: readonly { readonly assertion: string; readonly status: string }[]
  }
  readonly runId: string | null
  /** When the event was processed (ISO); for results stored late, the run that found them. */
  readonly at: string
  readonly storedLate: boolean
  /**
   * What the alert mail leads with, per assertion that did not pass (empty for `incident_resolved`): counts by
   * category, differing columns, the largest groups, masked sample keys and what to check first.
   */
  readonly findings: readonly Findings[]
  /** The check's dashboard page, when `web.public_url` is set. */
  readonly link?: string
}

/** The webhook body of an incident event. */
export function webhookBody(event: IncidentEvent, context: ComposeContext): WebhookBody {
  const info = context.infoOf(event.incident.checkId)
  const noRecipients = { alerts: [], vendor: [], report: [] }
  const subject = incidentSubject(
    MOMENT[event.type],
    info,
    event.incident,
    event.results,
    { ...context, recipients: noRecipients },
    event.at,
    event.late,
  )
  const link = dashboardLink(context.publicUrl, context.locale, info.id)
  const count = (status: string) => event.results.filter((r) => r.status === status).length
  const { incident } = event
  const findings = event.type === 'incident_resolved' ? [] : findingsOf(event.results, context.locale)
  const lines = [
    subject,
    ...findings.map((f) => `• ${f.assertion}: ${f.summary}`),
    ...(link === undefined ? [] : [link]),
  ]
  return {
    event: event.type,
    text: lines.join('\n'),
    installation: context.installation,
    check: { id: info.id, title: info.title },
    status: worstStatus(event.results),
    counts: { pass: count('pass'), fail: count('fail'), error: count('error') },
    incident: {
      id: incident.incidentId,
      status: incident.status,
      openedAt: incident.openedAt,
      resolvedAt: incident.resolvedAt,
      occurrences: incident.occurrences,
      reminders: incident.reminders,
      failing: incident.failing.map((f) => ({ assertion: f.assertion, status: f.status })),
    },
    runId: event.results[0]?.runId ?? null,
    at: event.at,
    storedLate: event.late !== undefined,
    findings,
    link,
  }
}

/**
 * A webhook: POSTs each subscribed incident event as JSON ({@link WebhookBody}), and the morning report as its
 * summary ({@link morningReportSummary}) when subscribed, to the configured URL, with
 * `X-Reconcile-Message-Id` so a receiver can drop a retried duplicate. A 2xx answer is delivered; any other
 * answer, a network error or the timeout rejects, and the outbox retries with the webhook's backoff. The URL is
 * never logged (it usually carries a secret): only its host.
 */
export function webhookChannel(config: WebhookConfig): Channel {
  const name = `webhook:${config.name}`
  const where = `webhook ${config.name} (${new URL(config.url).host})`
  return {
    name,
    description: where,
    retry: config.retry,
    compose(event: NotificationEvent, context: ComposeContext): Composed {
      if (!config.events.includes(event.type)) return { messages: [], unaddressed: [] }
      const body =
        event.type === 'morning_report' ? morningReportSummary(event, context) : webhookBody(event, context)
      return {
        messages: [
          {
            dedupeKey: `${event.key}:${name}`,
            purpose: event.type === 'morning_report' ? 'report' : 'alerts',
            kind: event.type,
            recipients: [],
            subject: body.text.split('\n')[0] ?? '',
            text: body.text,
            html: '',
            attachments: [],
            payload: body,
          },
        ],
        unaddressed: [],
      }
    },
    async send(message) {
      let response: Response
      let answer: string
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-reconcile-message-id': message.messageId,
            ...config.headers,
          },
          body: JSON.stringify(message.payload),
          signal: AbortSignal.timeout(config.timeoutMs),
        })
        answer = (await response.text()).slice(0, ANSWER_CHARS).trim()
      } catch (error: unknown) {
        throw new ReconcileError('WEBHOOK_FAILED', `${where}: request failed`, { cause: error })
      }
      if (!response.ok) {
        throw new ReconcileError(
          'WEBHOOK_FAILED',
          `${where} answered HTTP ${response.status}${answer === '' ? '' : `: ${answer}`}`,
        )
      }
      return `${where}: HTTP ${response.status}`
    },
    close: () => undefined,
  }
}
