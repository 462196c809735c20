import { catalog } from '../i18n/language.js'
import type { CheckResult, LateChangesSummary } from '../results/types.js'
import type { IncidentRecord } from '../store/incident-store.js'
import type { CheckInfo } from './check-info.js'
import {
  categoryName,
  describeDifference,
  describeForSubject,
  describeValues,
  type Findings,
  ownText,
  findingsOf,
  groupText,
  worstResult,
  worstStatus,
} from './describe.js'
import {
  htmlDocument,
  htmlFacts,
  htmlHeading,
  htmlParagraph,
  htmlPre,
  htmlTable,
  escapeHtml,
  STATUS_COLOR,
} from './html.js'
import { andMoreGroups, columnRows, lateChangesText, moreFailing } from './counted-texts.js'
import { formatNumber, formatTime, formatTimestamp } from './locale.js'
import type { ComposedMessage, MessageContext } from './message.js'

/** The evidence of a ticket as a machine-readable document (also the JSON attachment). */
export interface TicketEvidence {
  readonly installation: string
  readonly check: {
    readonly id: string
    readonly title: string
    readonly definitionHash: string
    readonly file?: string
  }
  readonly incidentId: string
  readonly runId: string
  readonly cutoff: string | null
  /** What the check left out as the source's late changes (a count), or null. */
  readonly lateChanges: LateChangesSummary | null
  readonly evaluatedAt: string
  readonly timezone: string
  /** What the alert leads with, per assertion that did not pass: counts, columns, every recorded group, masked keys. */
  readonly findings: readonly Findings[]
  readonly assertions: ReadonlyArray<{
    readonly assertion: string
    readonly kind: string
    readonly status: string
    readonly source: unknown
    readonly target: unknown
    readonly difference: unknown
    readonly localization: unknown
    readonly message: string
    readonly error: unknown
    readonly sql: { readonly source: string | null; readonly target: string | null }
    readonly parameters: { readonly source: readonly unknown[]; readonly target: readonly unknown[] }
    readonly durationsMs: { readonly source: number | null; readonly target: number | null }
  }>
}

/** Builds the evidence from the check's results of the run that opened the incident. */
export function ticketEvidence(
  info: CheckInfo,
  incident: IncidentRecord,
  results: readonly CheckResult[],
  context: MessageContext,
): TicketEvidence {
  return {
    installation: context.installation,
    check: { id: info.id, title: info.title, definitionHash: info.hash, file: info.file },
    incidentId: incident.incidentId,
    runId: results[0]?.runId ?? incident.openedRunId,
    cutoff: results.find((r) => r.cutoff !== null)?.cutoff ?? null,
    lateChanges: results.find((r) => r.lateChanges !== null)?.lateChanges ?? null,
    evaluatedAt: results[0]?.evaluatedAt ?? incident.openedAt,
    timezone: context.timezone,
    findings: findingsOf(results, context.locale, {
      groups: Number.MAX_SAFE_INTEGER,
      keys: Number.MAX_SAFE_INTEGER,
    }),
    assertions: results.map((r) => ({
      assertion: r.assertion,
      kind: r.kind,
      status: r.status,
      source: r.source,
      target: r.target,
      difference: r.difference,
      localization: r.details,
      message: r.message,
      error: r.error,
      sql: r.sql,
      parameters: r.parameters,
      durationsMs: r.durationsMs,
    })),
  }
}

/**
 * The ticket to the vendor when an incident opens on a check the vendor is responsible for: everything needed to
 * act without a phone call (check, definition hash, run, cutoff, values on both sides, difference and where it
 * is, the exact SQL with parameters, timings, installation), and the same as a JSON attachment.
 */
export function composeVendorTicket(
  info: CheckInfo,
  incident: IncidentRecord,
  results: readonly CheckResult[],
  context: MessageContext,
): ComposedMessage {
  const p = catalog(context.locale).notify
  const evidence = ticketEvidence(info, incident, results, context)
  const bad = results.filter((r) => r.status !== 'pass')
  const status = worstStatus(bad)
  const first = worstResult(results)
  const more = bad.length > 1 ? ` ${moreFailing(bad.length - 1, context)}` : ''
  const what = first === undefined ? '' : describeForSubject(first, context.locale)
  const subject = `[${p.subjectTag.ticket}] ${info.id}: ${what}${more} · ${context.installation} · ${incident.incidentId.slice(0, 8)}`
  const facts: Array<[string, string]> = [
    [p.check, `${info.title} (${info.id})`],
    [p.definitionHash, info.hash],
    ...(info.file === undefined ? [] : ([[p.definitionFile, info.file]] as Array<[string, string]>)),
    [p.incident, incident.incidentId],
    [p.runId, evidence.runId],
    [
      p.cutoff,
      evidence.cutoff === null
        ? p.noCutoff
        : `${formatTimestamp(evidence.cutoff, context.timezone)} (${context.timezone}), ${evidence.cutoff}`,
    ],
    ...(evidence.lateChanges === null
      ? []
      : ([[p.lateChanges, lateChangesText(evidence.lateChanges.rows, context)]] as Array<[string, string]>)),
    [
      p.openedAt,
      `${formatTime(evidence.evaluatedAt, context.timezone)} (${context.timezone}), ${evidence.evaluatedAt}`,
    ],
  ]
  const text: string[] = [p.ticketIntro(context.installation), '', ...facts.map(([k, v]) => `${k}: ${v}`), '']
  const blocks: string[] = [htmlParagraph(p.ticketIntro(context.installation)), htmlFacts(facts)]
  for (const r of results) {
    const lines: Array<[string, string]> = [
      [p.statusLabel, p.status[r.status]],
      [`${p.source} / ${p.target}`, describeValues(r, context.locale, context.timezone)],
      [p.difference, describeDifference(r, context.locale) || '0'],
      [
        p.ticketDuration,
        `${p.source.toLowerCase()} ${r.durationsMs.source ?? '–'} ms, ${p.target.toLowerCase()} ${r.durationsMs.target ?? '–'} ms`,
      ],
    ]
    const found = evidence.findings.find((f) => f.assertion === r.assertion)
    if (found !== undefined) {
      const counts = found.counts
      if (counts !== null) {
        const parts = (['missing', 'extra', 'changed', 'duplicate'] as const).flatMap((k) => {
          const n = counts[k]
          return n === undefined ? [] : [`${formatNumber(n, context.locale)} ${p.findings.category[k]}`]
        })
        if (parts.length > 0)
          lines.push([
            p.findings.rows,
            `${counts.lowerBound === true ? `${p.findings.atLeast} ` : ''}${parts.join(' · ')}`,
          ])
      }
      if (found.columns.length > 0)
        lines.push([p.findings.columns, found.columns.map((c) => columnRows(c, context)).join(', ')])
      if (found.sampleKeys.length > 0)
        lines.push([
          p.findings.sampleKeys,
          found.sampleKeys.map((k) => `${categoryName(k.category, context.locale)} ${k.key}`).join(', '),
        ])
    }
    if (r.error !== null) lines.push([p.errorCause, `${r.error.code}: ${r.error.message}`])
    // The result's own line in the reader's language; an old row without a code is English, for an English reader only.
    const own = ownText(r, context.locale)
    const message = own === '' ? [] : [own]
    text.push(
      `== ${r.assertion} (${r.kind})`,
      ...lines.map(([k, v]) => `  ${k}: ${v}`),
      ...message.map((m) => `  ${m}`),
    )
    blocks.push(htmlHeading(`${r.assertion} (${r.kind})`), htmlFacts(lines), ...message.map(htmlParagraph))
    const groups = r.details?.groups ?? []
    if (groups.length > 0) {
      text.push(`  ${p.groupsTitle}:`)
      for (const g of groups) {
        text.push(
          `    ${groupText(g.group)}: ${formatNumber(g.source, context.locale)} → ${formatNumber(g.target, context.locale)}`,
        )
      }
      const rest = (r.details?.groupsDiffering ?? groups.length) - groups.length
      if (rest > 0) text.push(`    ${andMoreGroups(rest, context)}`)
      blocks.push(
        htmlTable(
          [...Object.keys(groups[0]?.group ?? {}), p.source, p.target],
          groups.map((g) => [
            ...Object.values(g.group).map((v) => escapeHtml(v ?? 'NULL')),
            escapeHtml(formatNumber(g.source, context.locale)),
            escapeHtml(formatNumber(g.target, context.locale)),
          ]),
        ),
      )
      if (rest > 0) blocks.push(htmlParagraph(andMoreGroups(rest, context)))
    }
    for (const side of ['source', 'target'] as const) {
      const statement = r.sql[side]
      if (statement === null) continue
      const parameters = r.parameters[side]
      text.push(`  ${p.ticketSql(side)}:`, ...statement.split('\n').map((l) => `    ${l}`))
      if (parameters.length > 0) text.push(`  ${p.ticketParameters}: ${JSON.stringify(parameters)}`)
      blocks.push(
        htmlParagraph(
          `${p.ticketSql(side)}${parameters.length > 0 ? ` · ${p.ticketParameters}: ${JSON.stringify(parameters)}` : ''}`,
        ),
        htmlPre(statement),
      )
    }
    text.push('')
  }
  text.push(p.ticketAttachment, p.ticketNoPatientData, '', '-- ', p.footer(context.installation), '')
  blocks.push(htmlParagraph(p.ticketAttachment), htmlParagraph(p.ticketNoPatientData))
  const html = htmlDocument({
    lang: context.locale,
    title: subject,
    headline: subject.replace(` · ${context.installation}`, ''),
    color: STATUS_COLOR[status === 'pass' ? 'fail' : status],
    blocks,
    footer: p.footer(context.installation),
  })
  return {
    purpose: 'vendor',
    kind: 'vendor_ticket',
    recipients: context.recipients.vendor,
    subject,
    text: text.join('\n'),
    html,
    attachments: [
      {
        filename: `ticket-${info.id}-${incident.incidentId.slice(0, 8)}.json`,
        contentType: 'application/json',
        content: `${JSON.stringify(evidence, null, 2)}\n`,
      },
    ],
  }
}
