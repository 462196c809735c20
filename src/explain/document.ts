import path from 'node:path'
import { kindOf } from '../check-kinds/index.js'
import type { Config, Recipients, ScheduleConfig } from '../config/types.js'
import type { Assertion, CheckDefinition, Dataset, Side } from '../definitions/types.js'
import { engineFor } from '../dialects/registry.js'
import type { ExplainContext } from '../plan/check-kind.js'
import type { Block, Inline } from './blocks.js'
import type { DocumentTexts } from '../i18n/catalog/document.js'
import { countOf, formatDateTime, formatDurationWords, formatNumberText } from '../i18n/format.js'
import { type IncidentPolicy, incidentPolicy } from '../incidents/decide.js'
import type { GitRevision } from './git-revision.js'
import { catalog, type Language } from '../i18n/language.js'
import { type LateChangeHandling, lateChangeHandling } from './late-change-handling.js'
import { describeCron } from './phrase-helpers.js'
import { formatSql, tablesOfQuery } from './sql-format.js'
import type { CheckStatements } from './statements.js'

/** One database the checks read, as the document names it: never a password. */
export interface DocumentConnection {
  readonly name: string
  /** The engine, e.g. `SQL Server`. */
  readonly engine: string
  /** Host, port and database (or directory), from the engine's own description. */
  readonly where: string
}

/** Everything the control document is made from; language-neutral. */
export interface ControlDocument {
  readonly installation: string
  readonly timezone: string
  readonly configFile: string
  readonly checksDir: string
  readonly generatedAt: Date
  /** The git revision of the definitions' directory, or null when unknown. */
  readonly revision: GitRevision | null
  readonly connections: readonly DocumentConnection[]
  /** When the daemon runs the checks, and how it waits for the load. */
  readonly schedule: ScheduleConfig
  /** Who is emailed; null when no mail is configured. */
  readonly recipients: Recipients | null
  /** When incidents are messaged about: the policy the incident decisions follow. */
  readonly incidents: IncidentPolicy
  /** The webhooks that receive incident events: name and the incident events each takes. */
  readonly webhooks: ReadonlyArray<{ readonly name: string; readonly events: readonly string[] }>
  readonly checks: ReadonlyArray<{
    readonly definition: CheckDefinition
    readonly statements: CheckStatements
  }>
}

/** Assembles the document's facts from the loaded configuration and definitions. */
export function controlDocument(options: {
  config: Config
  definitions: readonly CheckDefinition[]
  statements: ReadonlyMap<string, CheckStatements>
  revision: GitRevision | null
  generatedAt: Date
}): ControlDocument {
  const { config } = options
  const used = new Set(options.definitions.flatMap((d) => [d.source.connection, d.target.connection]))
  return {
    installation: config.installation,
    timezone: config.timezone,
    configFile: relative(config.file),
    checksDir: relative(config.checksDir),
    generatedAt: options.generatedAt,
    revision: options.revision,
    connections: [...config.connections.values()]
      .filter((c) => used.has(c.name))
      .map((c) => {
        const engine = engineFor(c.dialect)
        return { name: c.name, engine: engine.sql.displayName, where: engine.describeTarget(c) }
      }),
    schedule: config.schedule,
    recipients: config.mail?.recipients ?? null,
    incidents: incidentPolicy(config),
    webhooks: config.webhooks
      .map((w) => ({ name: w.name, events: w.events.filter((e) => e.startsWith('incident_')) }))
      .filter((w) => w.events.length > 0),
    checks: options.definitions.map((definition) => ({
      definition,
      statements: options.statements.get(definition.id) ?? { origin: 'none', source: [], target: [] },
    })),
  }
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file
}

/** The anchor of a check's section. */
export function checkAnchor(id: string): string {
  return `check-${id}`
}

function datasetText(p: DocumentTexts, dataset: Dataset): Inline[] {
  const what =
    dataset.table !== undefined
      ? p.dataset.table(`${dataset.table.schema}.${dataset.table.name}`)
      : p.dataset.query(tablesOfQuery(dataset.query ?? ''))
  return [
    ...what,
    ...p.dataset.onConnection(dataset.connection),
    ...(dataset.query === undefined ? [] : [p.dataset.sqlBelow]),
    ...(dataset.where === undefined ? [] : p.dataset.where(dataset.where)),
  ]
}

/** What an assertion's explanation may use from its definition. */
function explainContext(d: CheckDefinition): ExplainContext {
  return { keySensitive: d.keySensitive, mappedColumns: d.columns.map((c) => c.name) }
}

function assertionText(
  p: DocumentTexts,
  language: Language,
  assertion: Assertion,
  d: CheckDefinition,
): Inline[] {
  const keys = kindOf(assertion).resultKeys(assertion)
  return [
    ...kindOf(assertion).explain(assertion, language, explainContext(d)).text,
    ` ${p.resultName}: `,
    ...keys.flatMap((k, i) => [...(i === 0 ? [] : [', ']), { code: k }]),
  ]
}

/** `cosmic.unit (cosmic)` or `query (cosmic)`: one short line per side for the summary table. */
function summaryDataset(p: DocumentTexts, dataset: Dataset): string {
  const what = dataset.table === undefined ? p.short.query : `${dataset.table.schema}.${dataset.table.name}`
  return `${what} (${dataset.connection})`
}

function severityLabel(p: DocumentTexts, severity: CheckDefinition['severity']): Inline {
  return { label: p.severity[severity], tone: severity }
}

function parametersText(values: readonly unknown[]): string {
  return values.map((v, i) => `$${i + 1} = ${JSON.stringify(v)}`).join(', ')
}

function sqlBlocks(p: DocumentTexts, doc: ControlDocument, statements: CheckStatements): Block[] {
  const at = statements.at === undefined ? '' : formatDateTime(statements.at, doc.timezone)
  const intro: Inline[] =
    statements.origin === 'store'
      ? p.sqlFrom.store(statements.runId ?? '', at)
      : statements.origin === 'connect'
        ? p.sqlFrom.connect(at)
        : p.sqlFrom.none(statements.problem)
  const blocks: Block[] = [{ type: 'paragraph', content: intro, note: statements.origin === 'none' }]
  if (statements.cutoff !== undefined && statements.cutoff !== null)
    blocks.push({ type: 'paragraph', content: p.sqlFrom.cutoffValue(statements.cutoff) })
  const sideName = (side: Side) => {
    const name = p.sideName[side]
    return name.charAt(0).toUpperCase() + name.slice(1)
  }
  for (const side of ['source', 'target'] as const) {
    statements[side].forEach((s, i) => {
      const caption: Inline[] = [...p.sqlFrom.usedBy(sideName(side), i + 1, s.usedBy)]
      if (s.parameters.length > 0) caption.push('. ', ...p.sqlFrom.parameters(parametersText(s.parameters)))
      blocks.push({ type: 'code', text: formatSql(s.sql), caption })
    })
  }
  return blocks
}

/** What a run does with the source's changes after the load, in the document's words. */
function lateChangesText(p: DocumentTexts, language: Language, handling: LateChangeHandling): Inline[][] {
  switch (handling.kind) {
    case 'none':
      return p.lateChanges.none
    case 'cutoff_only':
      return p.lateChanges.cutoffOnly(handling.sourceColumn)
    case 'keys':
      return p.lateChanges.keys(handling.sourceColumn, formatNumberText(String(handling.maxKeys), language))
    case 'as_of':
      return p.lateChanges.asOf
  }
}

function checkBlocks(p: DocumentTexts, language: Language, doc: ControlDocument, index: number): Block[] {
  const entry = doc.checks[index]
  if (entry === undefined) return []
  const d = entry.definition
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: `${index + 1}. ${d.title}` },
    {
      type: 'facts',
      rows: [
        [p.labels.severity, [severityLabel(p, d.severity)]],
        [p.labels.owner, [d.owner]],
        [p.labels.file, [{ code: d.file }, ' — id ', { code: d.id }]],
      ],
    },
    { type: 'heading', level: 3, text: p.labels.purpose },
    { type: 'paragraph', content: [d.description.trim()] },
    { type: 'heading', level: 3, text: p.labels.compared },
    {
      type: 'paragraph',
      content: p.compares(datasetText(p, d.source), datasetText(p, d.target)),
    },
  ]
  if (d.columns.length > 0) {
    blocks.push({
      type: 'table',
      head: p.labels.columnsHead,
      rows: d.columns.map((c) => [[{ code: c.name }], [{ code: c.source }], [{ code: c.target }]]),
      className: 'columns',
    })
  }
  if (d.key.length > 0)
    blocks.push({
      type: 'paragraph',
      content: p.keyText(
        d.key.map((k) => k.name),
        d.keySensitive,
      ),
    })
  blocks.push(
    { type: 'heading', level: 3, text: p.labels.assertions },
    { type: 'list', items: d.assertions.map((a) => assertionText(p, language, a, d)) },
    { type: 'heading', level: 3, text: p.labels.cutoff },
  )
  if (d.cutoff === undefined) blocks.push({ type: 'paragraph', content: [p.noCutoff] })
  else {
    const from = `${p.sideName[d.cutoff.from]} (${d[d.cutoff.from].connection})`
    for (const content of p.cutoffRule(
      d.cutoff.query.trim(),
      from,
      d.cutoff.sourceColumn,
      d.cutoff.targetColumn,
    ))
      blocks.push({ type: 'paragraph', content })
  }
  for (const content of lateChangesText(p, language, lateChangeHandling(d)))
    blocks.push({ type: 'paragraph', content })
  blocks.push(
    { type: 'heading', level: 3, text: p.labels.alerting },
    {
      type: 'paragraph',
      content:
        doc.recipients === null
          ? p.noMail(d.notify.recipients)
          : p.alerting(
              doc.recipients.alerts,
              d.notify.recipients,
              doc.incidents.reminderAfterMs === null
                ? null
                : formatDurationWords(doc.incidents.reminderAfterMs, language),
            ),
    },
    { type: 'paragraph', content: p.vendorTicket(d.notify.vendor, doc.recipients?.vendor ?? null) },
    ...doc.webhooks.map((w) => ({ type: 'paragraph' as const, content: p.webhook(w.name, w.events) })),
    { type: 'heading', level: 3, text: p.labels.hash },
    { type: 'paragraph', content: [{ code: d.hash }] },
    { type: 'paragraph', content: [p.hashText], note: true },
    { type: 'heading', level: 3, text: p.labels.sql },
    ...sqlBlocks(p, doc, entry.statements),
    { type: 'paragraph', content: [{ link: '#summary', text: `↑ ${p.backToSummary}` }] },
  )
  return [{ type: 'section', id: checkAnchor(d.id), blocks }]
}

function scheduleText(p: DocumentTexts, language: Language, doc: ControlDocument): Inline[] {
  const runs = doc.schedule.runs
  if (runs.length === 0) return [p.noScheduleRuns]
  return runs.flatMap((run, i) => [
    ...(i === 0 ? [] : ['; ']),
    ...p.scheduleRun(run.name, `${describeCron(run.cron, language)}, ${doc.timezone}`, run.checks),
  ])
}

function loadWaitBlocks(p: DocumentTexts, language: Language, doc: ControlDocument): Block[] {
  const words = (ms: number) => formatDurationWords(ms, language)
  const rows = doc.schedule.runs.flatMap((run): Array<readonly [string, Inline[]]> =>
    run.load === undefined
      ? []
      : [
          [
            `${p.facts.loadWait} (${run.name})`,
            p.loadWait(
              run.load.connection,
              words(run.load.pollIntervalMs),
              words(run.load.deadlineMs),
              words(run.load.maxAgeMs),
              run.load.notifyVendor,
            ),
          ],
        ],
  )
  return rows.length === 0 ? [] : [{ type: 'facts', rows }]
}

/** The control document as blocks in one language: facts, how to read it, the summary table, then each check. */
export function controlDocumentBlocks(doc: ControlDocument, language: Language): Block[] {
  const p = catalog(language).document
  const revision: Inline[] =
    doc.revision === null
      ? [p.facts.revisionUnknown]
      : [
          { code: doc.revision.commit.slice(0, 12) },
          ` (${formatDateTime(doc.revision.committedAt, doc.timezone)})`,
          ...(doc.revision.dirty ? [', ', { strong: p.facts.revisionDirty }] : []),
        ]
  const summaryRows = doc.checks.map(({ definition: d }): Inline[][] => [
    [{ link: `#${checkAnchor(d.id)}`, text: d.id }],
    [d.title],
    [summaryDataset(p, d.source), { br: true }, '→ ', summaryDataset(p, d.target)],
    d.assertions.flatMap((a, i) => [
      ...(i === 0 ? [] : [{ br: true } as const]),
      kindOf(a).explain(a, language, explainContext(d)).threshold,
    ]),
    [severityLabel(p, d.severity)],
    [d.owner],
  ])
  return [
    { type: 'heading', level: 1, text: p.title(doc.installation) },
    ...p.intro.map((content): Block => ({ type: 'paragraph', content })),
    { type: 'heading', level: 2, text: p.aboutHeading, id: 'about' },
    {
      type: 'facts',
      rows: [
        [p.facts.installation, [doc.installation]],
        [p.facts.generated, [`${formatDateTime(doc.generatedAt, doc.timezone)} (${doc.timezone})`]],
        [
          p.facts.checksDir,
          [{ code: doc.checksDir }, ` — ${countOf(doc.checks.length, language, p.facts.checks)}`],
        ],
        [p.facts.revision, revision],
        [p.facts.configFile, [{ code: doc.configFile }]],
        [p.facts.timezone, [doc.timezone]],
        [
          p.facts.connections,
          doc.connections.flatMap((c, i) => [
            ...(i === 0 ? [] : ['; ']),
            { code: c.name },
            ` — ${c.engine}, ${c.where}`,
          ]),
        ],
        [p.facts.schedule, scheduleText(p, language, doc)],
      ],
    },
    ...loadWaitBlocks(p, language, doc),
    { type: 'heading', level: 3, text: p.howToRead },
    { type: 'list', items: p.statuses },
    { type: 'heading', level: 2, text: p.summaryHeading, id: 'summary' },
    { type: 'table', head: p.summaryHead, rows: summaryRows, className: 'summary' },
    { type: 'heading', level: 2, text: p.checksHeading, id: 'checks' },
    ...doc.checks.flatMap((_, i) => checkBlocks(p, language, doc, i)),
  ]
}
