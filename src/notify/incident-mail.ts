import type { LateDelivery } from '../incidents/events.js'
import type { CheckResult } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { CheckInfo } from './check-info.js'
import { describeDifference, describeForSubject, describeValues, worstStatus } from './describe.js'
import {
  escapeHtml,
  htmlDocument,
  htmlFacts,
  htmlHeading,
  htmlParagraph,
  htmlTable,
  STATUS_COLOR,
} from './html.js'
import { formatAge, formatTime, type Phrases, phrases } from './locale.js'
import { type ComposedMessage, type MessageContext, uniqueRecipients } from './message.js'

/** Which moment of an incident a message announces. */
export type IncidentMoment = 'opened' | 'reminder' | 'resolved'

const KIND: Readonly<Record<IncidentMoment, string>> = {
  opened: 'incident_opened',
  reminder: 'incident_reminder',
  resolved: 'incident_resolved',
}

/**
 * The subject of an incident message, built to be scanned in an inbox list: status tag, check id, what differs
 * and by how much, the installation. E.g. `[AVVIKELSE] outpatient-visits: row_count: 89 rader saknas i målet
 * (−0,0356 %) +2 till · Region Demo`.
 */
export function incidentSubject(
  moment: IncidentMoment,
  info: CheckInfo,
  incident: IncidentRecord,
  results: readonly CheckResult[],
  context: MessageContext,
  now: string,
  storedLate?: LateDelivery,
): string {
  const p = phrases(context.locale)
  const subject = plainSubject(moment, info, incident, results, context, now)
  return storedLate === undefined ? subject : `[${p.subjectTag.late}] ${subject}`
}

function plainSubject(
  moment: IncidentMoment,
  info: CheckInfo,
  incident: IncidentRecord,
  results: readonly CheckResult[],
  context: MessageContext,
  now: string,
): string {
  const p = phrases(context.locale)
  const age = formatAge(new Date(now).getTime() - new Date(incident.openedAt).getTime(), context.locale)
  if (moment === 'resolved')
    return `[${p.subjectTag.resolved}] ${info.id}: ${p.resolvedSubject(age)} · ${context.installation}`
  const bad = results.filter((r) => r.status !== 'pass')
  const status = worstStatus(bad)
  const first = bad.find((r) => r.status === status) ?? bad[0]
  const what = first === undefined ? '' : describeForSubject(first, context.locale)
  const more = bad.length > 1 ? ` ${p.moreFailing(bad.length - 1)}` : ''
  if (moment === 'reminder') {
    return `[${p.subjectTag.reminder}] ${info.id}: ${p.reminderSubject(age)}: ${what}${more} · ${context.installation}`
  }
  const tag = status === 'error' ? p.subjectTag.error : p.subjectTag.fail
  return `[${tag}] ${info.id}: ${what}${more} · ${context.installation}`
}

/** One row per assertion for the text and HTML tables: assertion, status, values, difference. */
/** The late-change fact of a check's results, when it left any out: a count, never a key. */
function late(results: readonly CheckResult[], p: Phrases): Array<[string, string]> {
  const found = results.find((r) => r.lateChanges !== null)?.lateChanges
  return found === undefined || found === null ? [] : [[p.lateChanges, p.lateChangesValue(found.rows)]]
}

function resultRows(results: readonly CheckResult[], context: MessageContext): string[][] {
  const p = phrases(context.locale)
  // A check that could not run gives each assertion the same error: its text is shown once, on the first row.
  const said = new Set<string>()
  const once = (message: string): string => {
    if (said.has(message)) return ''
    said.add(message)
    return message
  }
  return results.map((r) => [
    r.assertion,
    p.status[r.status],
    r.status === 'error' ? (r.error?.code ?? '') : describeValues(r, context.locale),
    r.status === 'error' ? once(r.error?.message ?? '') : describeDifference(r, context.locale),
  ])
}

function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = []
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows.map((row) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
}

/**
 * The alert to the shared mailbox when an incident opens, is reminded about, or resolves. Lists every assertion
 * of the check in this run with its status, values and difference; never row values or keys. With
 * `storedLate`, the subject is tagged and the text opens by saying the results were stored late, and when.
 */
export function composeIncidentAlert(
  moment: IncidentMoment,
  info: CheckInfo,
  incident: IncidentRecord,
  results: readonly CheckResult[],
  context: MessageContext,
  now: string,
  storedLate?: LateDelivery,
): ComposedMessage {
  const p = phrases(context.locale)
  const when = formatTime(now, context.timezone)
  const age = formatAge(new Date(now).getTime() - new Date(incident.openedAt).getTime(), context.locale)
  const status = worstStatus(results)
  const intro =
    moment === 'resolved'
      ? p.resolvedIntro(info.title, info.id, when, age)
      : moment === 'reminder'
        ? p.reminderIntro(info.title, info.id, age, incident.occurrences)
        : status === 'error'
          ? p.errorAlertIntro(info.title, info.id, when)
          : p.openedAlertIntro(info.title, info.id, when)
  const headers = [p.assertion, 'Status', p.values, p.difference]
  const rows = resultRows(results, context)
  const cutoff = results.find((r) => r.cutoff !== null)?.cutoff ?? null
  const facts: Array<[string, string]> = [
    [
      p.incident,
      `${incident.incidentId} · ${p.openedAt.toLowerCase()} ${formatTime(incident.openedAt, context.timezone)}`,
    ],
    [p.severityLabel, p.severity[info.severity]],
    [p.owner, info.owner],
    [p.cutoff, cutoff ?? p.noCutoff],
    ...late(results, p),
    [p.runId, results[0]?.runId ?? incident.lastRunId],
    [p.definitionHash, info.hash.slice(0, 12)],
  ]
  if (info.file !== undefined) facts.push([p.definitionFile, info.file])
  const closing: string[] = []
  if (moment === 'opened' && incident.vendorTicket) closing.push(p.vendorInformed)
  if (moment !== 'resolved') {
    closing.push(
      p.noRepeat(
        context.reminderAfterMs === null ? null : formatAge(context.reminderAfterMs, context.locale),
      ),
    )
  }
  const subject = incidentSubject(moment, info, incident, results, context, now, storedLate)
  const lateNote =
    storedLate === undefined
      ? []
      : [
          p.storedLate(
            when,
            p.report.runStatus(storedLate.status),
            formatTime(storedLate.storedAt, context.timezone),
          ),
        ]
  const text = [
    ...lateNote.flatMap((l) => [l, '']),
    intro,
    '',
    `${p.whatDiffers}:`,
    ...textTable([headers, ...rows]).map((l) => `  ${l}`),
    '',
    ...(info.description === '' ? [] : [`${p.aboutCheck}: ${info.description.trim()}`, '']),
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    ...closing,
    p.nextSteps(info.id),
    '',
    '-- ',
    p.footer(context.installation),
    '',
  ].join('\n')
  const color = moment === 'resolved' ? STATUS_COLOR.pass : STATUS_COLOR[status === 'pass' ? 'fail' : status]
  const html = htmlDocument({
    lang: context.locale,
    title: subject,
    headline: subject.replace(` · ${context.installation}`, ''),
    color,
    blocks: [
      ...lateNote.map(htmlParagraph),
      htmlParagraph(intro),
      htmlHeading(p.whatDiffers),
      htmlTable(
        headers,
        rows.map((row, i) => {
          const r = results[i]
          const tone = STATUS_COLOR[r?.status ?? 'pass']
          return row.map((c, j) =>
            j === 1 ? `<b style="color:${tone}">${escapeHtml(c)}</b>` : escapeHtml(c),
          )
        }),
      ),
      ...(info.description === '' ? [] : [htmlHeading(p.aboutCheck), htmlParagraph(info.description.trim())]),
      htmlFacts(facts),
      ...closing.map(htmlParagraph),
      `<p style="font-family:monospace;font-size:12px">${escapeHtml(p.nextSteps(info.id))}</p>`,
    ],
    footer: p.footer(context.installation),
  })
  return {
    purpose: 'alerts',
    kind: KIND[moment],
    recipients: uniqueRecipients(context.recipients.alerts, info.recipients),
    subject,
    text,
    html,
    attachments: [],
  }
}
