import { countOf, formatDurationWords } from '../i18n/format.js'
import { catalog } from '../i18n/language.js'
import type { LateDelivery } from '../incidents/events.js'
import type { CheckResult } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { CheckInfo } from './check-info.js'
import { dashboardLink } from './check-info.js'
import {
  categoryName,
  describeDifference,
  describeForSubject,
  describeValues,
  type Findings,
  findingsOf,
  groupText,
  worstResult,
  worstStatus,
} from './describe.js'
import {
  escapeHtml,
  htmlDocument,
  htmlFacts,
  htmlHeading,
  htmlParagraph,
  htmlTable,
  STATUS_COLOR,
} from './html.js'
import { formatAge, formatNumber, formatTime, formatTimestamp, runStatusText } from './locale.js'
import { andMoreGroups, columnRows, lateChangesText, moreFailing } from './counted-texts.js'
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
  const p = catalog(context.locale).notify
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
  const p = catalog(context.locale).notify
  const age = formatAge(new Date(now).getTime() - new Date(incident.openedAt).getTime(), context.locale)
  if (moment === 'resolved')
    return `[${p.subjectTag.resolved}] ${info.id}: ${p.resolvedSubject(age)} · ${context.installation}`
  const bad = results.filter((r) => r.status !== 'pass')
  const status = worstStatus(bad)
  const first = worstResult(results)
  const what = first === undefined ? '' : describeForSubject(first, context.locale)
  const more = bad.length > 1 ? ` ${moreFailing(bad.length - 1, context)}` : ''
  if (moment === 'reminder') {
    return `[${p.subjectTag.reminder}] ${info.id}: ${p.reminderSubject(age)}: ${what}${more} · ${context.installation}`
  }
  const tag = status === 'error' ? p.subjectTag.error : p.subjectTag.fail
  return `[${tag}] ${info.id}: ${what}${more} · ${context.installation}`
}

/** The late-change fact of a check's results, when it left any out: a count, never a key. */
function late(results: readonly CheckResult[], context: MessageContext): Array<[string, string]> {
  const p = catalog(context.locale).notify
  const found = results.find((r) => r.lateChanges !== null)?.lateChanges
  return found === undefined || found === null ? [] : [[p.lateChanges, lateChangesText(found.rows, context)]]
}

/** One row per assertion for the text and HTML tables: assertion, status, values, difference. */
function resultRows(results: readonly CheckResult[], context: MessageContext): string[][] {
  const p = catalog(context.locale).notify
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
    r.status === 'error' ? (r.error?.code ?? '') : describeValues(r, context.locale, context.timezone),
    r.status === 'error' ? once(r.error?.message ?? '') : describeDifference(r, context.locale),
  ])
}

/** A result's rows by category as `47 saknas · 3 för mycket`, `minst …` when they are lower bounds; empty when none. */
function countsLine(f: Findings, context: MessageContext): string {
  const p = catalog(context.locale).notify.findings
  const c = f.counts
  if (c === null) return ''
  const parts = (['missing', 'extra', 'changed', 'duplicate'] as const).flatMap((k) => {
    const n = c[k]
    return n === undefined ? [] : [`${formatNumber(n, context.locale)} ${p.category[k]}`]
  })
  if (parts.length === 0) return ''
  return `${c.lowerBound === true ? `${p.atLeast} ` : ''}${parts.join(' · ')}`
}

/** The findings of one result as label/value lines (groups separately): rows, columns, keys, what to check first. */
function findingFacts(f: Findings, context: MessageContext): Array<[string, string]> {
  const p = catalog(context.locale).notify.findings
  const facts: Array<[string, string]> = []
  const counts = countsLine(f, context)
  if (counts !== '') facts.push([p.rows, counts])
  if (f.columns.length > 0) facts.push([p.columns, f.columns.map((c) => columnRows(c, context)).join(', ')])
  if (f.sampleKeys.length > 0)
    facts.push([
      p.sampleKeys,
      f.sampleKeys.map((k) => `${categoryName(k.category, context.locale)} ${k.key}`).join(', '),
    ])
  return facts
}

/** A differing group's line: `visit_date=2026-11-26, unit=BUM-NORR: källa 89, mål 0`. */
function groupLine(g: Findings['groups'][number], context: MessageContext): string {
  const p = catalog(context.locale).notify.findings
  return `${groupText(g.group)}: ${p.groupCounts(formatNumber(g.source, context.locale), formatNumber(g.target, context.locale))}`
}

/** The findings as text lines, indented under `Vad skiljer:`. */
function findingsText(findings: readonly Findings[], context: MessageContext): string[] {
  const p = catalog(context.locale).notify
  return findings.flatMap((f) => [
    `  ${f.assertion}: ${f.summary}`,
    ...findingFacts(f, context).map(([k, v]) => `    ${k}: ${v}`),
    ...(f.groups.length === 0
      ? []
      : [
          `    ${p.findings.groups}:`,
          ...f.groups.map((g) => `      ${groupLine(g, context)}`),
          ...(f.moreGroups > 0 ? [`      ${andMoreGroups(f.moreGroups, context)}`] : []),
        ]),
    `    ${p.findings.checkFirst}: ${f.checkFirst}`,
    '',
  ])
}

/** The findings as HTML blocks. */
function findingsHtml(findings: readonly Findings[], context: MessageContext): string[] {
  const p = catalog(context.locale).notify
  return findings.flatMap((f) => {
    const tone = STATUS_COLOR[f.status]
    const groupBy = Object.keys(f.groups[0]?.group ?? {})
    return [
      `<p style="margin:12px 0 4px"><b>${escapeHtml(f.assertion)}</b>: <b style="color:${tone}">${escapeHtml(f.summary)}</b></p>`,
      ...(findingFacts(f, context).length === 0 ? [] : [htmlFacts(findingFacts(f, context))]),
      ...(f.groups.length === 0
        ? []
        : [
            htmlParagraph(`${p.findings.groups}:`),
            htmlTable(
              [...groupBy, p.source, p.target],
              f.groups.map((g) => [
                ...groupBy.map((k) => escapeHtml(g.group[k] ?? 'NULL')),
                escapeHtml(formatNumber(g.source, context.locale)),
                escapeHtml(formatNumber(g.target, context.locale)),
              ]),
            ),
            ...(f.moreGroups > 0 ? [htmlParagraph(andMoreGroups(f.moreGroups, context))] : []),
          ]),
      htmlParagraph(`${p.findings.checkFirst}: ${f.checkFirst}`),
    ]
  })
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
  const p = catalog(context.locale).notify
  const when = formatTime(now, context.timezone)
  const age = formatAge(new Date(now).getTime() - new Date(incident.openedAt).getTime(), context.locale)
  const status = worstStatus(results)
  const intro =
    moment === 'resolved'
      ? p.resolvedIntro(info.title, info.id, when, age)
      : moment === 'reminder'
        ? p.reminderIntro(info.title, info.id, age, countOf(incident.occurrences, context.locale, p.runs))
        : status === 'error'
          ? p.errorAlertIntro(info.title, info.id, when)
          : p.openedAlertIntro(info.title, info.id, when)
  const headers = [p.assertion, p.statusLabel, p.values, p.difference]
  const rows = resultRows(results, context)
  const findings = moment === 'resolved' ? [] : findingsOf(results, context.locale)
  const link = dashboardLink(context.publicUrl, context.locale, info.id)
  const since =
    moment === 'resolved'
      ? []
      : [
          moment === 'opened' && incident.occurrences <= 1
            ? p.findings.openedNow(formatTime(incident.openedAt, context.timezone))
            : p.findings.openSince(formatTime(incident.openedAt, context.timezone), age),
        ]
  const linkLine = link === undefined ? [] : [`${p.findings.dashboard}: ${link}`]
  const cutoff = results.find((r) => r.cutoff !== null)?.cutoff ?? null
  const facts: Array<[string, string]> = [
    [
      p.incident,
      `${incident.incidentId} · ${p.openedAt.toLowerCase()} ${formatTime(incident.openedAt, context.timezone)}`,
    ],
    [p.severityLabel, p.severity[info.severity]],
    [p.owner, info.owner],
    [p.cutoff, cutoff === null ? p.noCutoff : formatTimestamp(cutoff, context.timezone)],
    ...late(results, context),
    [p.runId, results[0]?.runId ?? incident.lastRunId],
    [p.definitionHash, info.hash.slice(0, 12)],
  ]
  if (info.file !== undefined) facts.push([p.definitionFile, info.file])
  const closing: string[] = []
  if (moment === 'opened' && incident.vendorTicket) closing.push(p.vendorInformed)
  if (moment !== 'resolved') {
    closing.push(
      p.noRepeat(
        context.reminderAfterMs === null
          ? null
          : formatDurationWords(context.reminderAfterMs, context.locale),
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
            runStatusText(storedLate.status, context.locale),
            formatTime(storedLate.storedAt, context.timezone),
          ),
        ]
  const text = [
    ...lateNote.flatMap((l) => [l, '']),
    intro,
    '',
    ...(findings.length === 0 ? [] : [`${p.whatDiffers}:`, ...findingsText(findings, context)]),
    ...since,
    ...linkLine,
    ...(since.length + linkLine.length === 0 ? [] : ['']),
    `${findings.length === 0 ? p.whatDiffers : p.findings.allAssertions}:`,
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
      ...(findings.length === 0 ? [] : [htmlHeading(p.whatDiffers), ...findingsHtml(findings, context)]),
      ...since.map(htmlParagraph),
      ...(link === undefined
        ? []
        : [
            `<p>${escapeHtml(p.findings.dashboard)}: <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
          ]),
      htmlHeading(findings.length === 0 ? p.whatDiffers : p.findings.allAssertions),
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
      `<p style="font-family:monospace;font-size:12px">${escapeHtml(p.nextSteps(info.id)).replaceAll('\n', '<br>')}</p>`,
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
