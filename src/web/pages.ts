import type { StoredIncident, StoredRun } from '../store/store-queries.js'
import type { StoredResult } from '../store/stored-result.js'
import { buildControlDocument } from '../explain/build.js'
import { checkAnchor } from '../explain/document.js'
import type { WebTexts } from '../i18n/catalog/web.js'
import { countOf, formatDateTime, formatDurationShort } from '../i18n/format.js'
import { markup, raw, type SafeHtml } from '../explain/html.js'
import { catalog, LANGUAGES } from '../i18n/language.js'
import { controlDocumentFragment } from '../explain/render.js'
import { DOCUMENT_CSS } from '../explain/style.js'
import { kindNamed } from '../check-kinds/index.js'
import { mainValue } from '../notify/describe.js'
import type { ResultStatus } from '../results/types.js'
import { type ChartPoint, lineChart } from './chart.js'
import {
  chartNumber,
  differenceCell,
  href,
  num,
  resultText,
  STATUS_ORDER,
  statusLabel,
  texts,
  time,
  triggerText,
  valueCell,
  worst,
} from './cells.js'
import type { Page, PageContext } from './page-context.js'
import { WEB_CSS } from './style.js'

export type { Page, PageContext }

/** A run older than this on the today page raises a warning that the control has stopped running. */
const STALE_AFTER_MS = 26 * 3_600_000

function layout(
  ctx: PageContext,
  current: keyof WebTexts['nav'] | null,
  title: string,
  body: SafeHtml,
): string {
  const t = texts(ctx)
  // Every other language of the registry, each named in itself.
  const others = LANGUAGES.filter((l) => l !== ctx.language).map(
    (l) => markup`<a class="lang" href="/${l}${ctx.path}" hreflang="${l}" lang="${l}">${catalog(l).name}</a>`,
  )
  const link = (key: keyof WebTexts['nav'], path: string) =>
    markup`<a href="${href(ctx, path)}"${current === key ? raw(' aria-current="page"') : ''}>${t.nav[key]}</a>`
  return markup`<!doctype html>
<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${t.appName} · ${ctx.config.installation}</title>
<style>${raw(DOCUMENT_CSS)}${raw(WEB_CSS)}</style>
</head>
<body>
<header class="top"><div class="bar">
<a class="brand" href="${href(ctx, '/')}">${t.appName}<small>${ctx.config.installation}</small></a>
<nav>${link('today', '/')}${link('runs', '/runs')}${link('incidents', '/incidents')}${link('control', '/control')}</nav>
${others}
</div></header>
<main class="page">
${body}
</main>
<footer>${t.footer(ctx.config.installation, ctx.config.timezone)}</footer>
</body>
</html>
`.value
}

function runVerdict(run: StoredRun | undefined, results: readonly StoredResult[]): keyof WebTexts['verdict'] {
  if (run === undefined) return 'none'
  if (run.finishedAt === null) return 'unfinished'
  const status = worst(results.map((r) => r.status))
  return status ?? 'pass'
}

/** The today page: the verdict of the last run, when the last load was, and every check's status. */
export async function todayPage(ctx: PageContext): Promise<Page> {
  const t = texts(ctx)
  const p = catalog(ctx.language).document
  const run = await ctx.queries.latestRun()
  const results = run === undefined ? [] : await ctx.queries.resultsOfRuns([run.runId])
  const verdict = runVerdict(run, results)
  const count = (s: ResultStatus) => results.filter((r) => r.status === s).length
  const cutoffs = results.map((r) => r.cutoff).filter((c): c is string => c !== null)
  const lastCutoff = cutoffs.sort().at(-1)
  const incidents = await ctx.queries.incidents()
  const open = incidents?.filter((i) => i.status === 'open') ?? []
  const stale = run !== undefined && ctx.now().getTime() - run.startedAt.getTime() > STALE_AFTER_MS
  const checkIds = [
    ...ctx.definitions.map((d) => d.id),
    ...new Set(results.map((r) => r.check).filter((id) => !ctx.definitions.some((d) => d.id === id))),
  ]
  const statusOf = (id: string) => worst(results.filter((r) => r.check === id).map((r) => r.status))
  // What failed comes first: a manager reads the top of the page.
  checkIds.sort((a, b) => STATUS_ORDER[statusOf(a) ?? 'pass'] - STATUS_ORDER[statusOf(b) ?? 'pass'])
  const cards = checkIds.map((id) => {
    const definition = ctx.definitions.find((d) => d.id === id)
    const own = results.filter((r) => r.check === id)
    const status = worst(own.map((r) => r.status))
    const bad = own.filter((r) => r.status !== 'pass')
    const late = own.find((r) => r.lateChanges !== null)?.lateChanges
    return markup`<article class="card ${status ?? 'none'}" data-check="${id}">
${status === undefined ? markup`<span class="label none">${t.notInLastRun}</span>` : statusLabel(t, status)}
<h3><a href="${href(ctx, `/checks/${encodeURIComponent(id)}`)}">${definition?.title ?? id}</a></h3>
<div class="meta"><code>${id}</code>${definition === undefined ? '' : markup` · ${t.severity}: ${p.severity[definition.severity]} · ${definition.owner}`}</div>
${late === undefined || late === null ? '' : markup`<div class="meta late-changes">${late.rows === null ? t.readAsOfCutoff : t.lateChanges(countOf(late.rows, ctx.language, t.counts.rows))}</div>`}
${
  bad.length > 0
    ? markup`<ul>${bad.map((r) => markup`<li>${statusLabel(t, r.status)} <code>${r.assertion}</code>: ${resultText(ctx, r)}</li>`)}</ul>`
    : status === 'pass'
      ? markup`<ul><li>${t.allPassed}</li></ul>`
      : ''
}
<a class="more" href="${href(ctx, `/checks/${encodeURIComponent(id)}`)}">${t.history} →</a>
</article>`
  })
  const body = markup`<section class="verdict ${verdict === 'unfinished' ? 'error' : verdict}" id="verdict">
<h1>${t.verdict[verdict]}</h1>
${run === undefined ? '' : markup`<p>${t.verdictDetail(countOf(count('pass'), ctx.language, t.counts.passed), countOf(count('fail'), ctx.language, t.counts.failed), countOf(count('error'), ctx.language, t.counts.errors), countOf(new Set(results.map((r) => r.check)).size, ctx.language, t.counts.checks))}</p>`}
${
  run === undefined
    ? ''
    : markup`<p>${t.lastRun}: <a href="${href(ctx, `/runs/${encodeURIComponent(run.runId)}`)}">${time(ctx, run.startedAt)}</a> (${triggerText(t, run.trigger)}, ${run.host})</p>`
}
${run === undefined ? '' : markup`<p>${t.lastLoad}: ${lastCutoff === undefined ? t.noCutoff : lastCutoff.replace('T', ' ').replace(/\.0+$/, '')}</p>`}
${open.length > 0 ? markup`<p><a href="${href(ctx, '/incidents')}">${countOf(open.length, ctx.language, t.counts.openIncidents)}</a></p>` : ''}
</section>
${stale && run !== undefined ? markup`<p class="warning">${t.stale(time(ctx, run.startedAt))}</p>` : ''}
<h2>${t.checksHeading}</h2>
<div class="cards">${cards}</div>`
  return { status: 200, body: layout(ctx, 'today', t.nav.today, body) }
}

function resultsTable(
  ctx: PageContext,
  results: readonly StoredResult[],
  withCheck: boolean,
  withTime: boolean,
): SafeHtml {
  const t = texts(ctx)
  return markup`<div class="table-wrap"><table class="stack results"><thead><tr>
${withTime ? markup`<th>${t.th.time}</th>` : ''}${withCheck ? markup`<th>${t.th.check}</th>` : ''}<th>${t.th.assertion}</th><th>${t.th.status}</th><th class="num">${t.th.source}</th><th class="num">${t.th.target}</th><th class="num">${t.th.difference}</th><th>${t.th.message}</th>${withTime ? markup`<th>${t.th.run}</th>` : ''}
</tr></thead><tbody>
${results.map(
  (r) => markup`<tr class="${r.status}">
${withTime ? markup`<td class="when" data-label="${t.th.time}">${time(ctx, r.evaluatedAt)}</td>` : ''}${withCheck ? markup`<td data-label="${t.th.check}"><a href="${href(ctx, `/checks/${encodeURIComponent(r.check)}`)}">${r.check}</a></td>` : ''}<td data-label="${t.th.assertion}"><code>${r.assertion}</code></td><td data-label="${t.th.status}">${statusLabel(t, r.status)}</td><td class="num" data-label="${t.th.source}">${valueCell(ctx, r.source)}</td><td class="num" data-label="${t.th.target}">${valueCell(ctx, r.target)}</td><td class="num" data-label="${t.th.difference}">${differenceCell(ctx, r)}</td><td class="msg" data-label="${t.th.message}">${resultText(ctx, r)}</td>${withTime ? markup`<td data-label="${t.th.run}"><a href="${href(ctx, `/runs/${encodeURIComponent(r.runId)}`)}">${r.runId.slice(0, 8)}</a></td>` : ''}
</tr>`,
)}
</tbody></table></div>`
}

/**
 * Each incident's summary in the page's language, from the results of its last run (the store keeps the summary
 * only as English text): the first assertion that could not run or failed, and how many more did.
 */
async function incidentSummaries(
  ctx: PageContext,
  incidents: readonly StoredIncident[],
): Promise<Map<string, string>> {
  const t = texts(ctx)
  const runIds = [...new Set(incidents.map((i) => i.lastRunId))]
  const results = runIds.length === 0 ? [] : await ctx.queries.resultsOfRuns(runIds)
  const summaries = new Map<string, string>()
  for (const i of incidents) {
    const bad = results
      .filter((r) => r.runId === i.lastRunId && r.check === i.check && r.status !== 'pass')
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.seq - b.seq)
    const first = bad[0]
    const text = first === undefined ? t.status.fail : `${first.assertion}: ${resultText(ctx, first)}`
    summaries.set(i.incidentId, bad.length > 1 ? `${text} (${t.andMore(num(ctx, bad.length - 1))})` : text)
  }
  return summaries
}

async function incidentsTable(ctx: PageContext, incidents: readonly StoredIncident[]): Promise<SafeHtml> {
  const t = texts(ctx)
  if (incidents.length === 0) return markup`<p>${t.noIncidents}</p>`
  const summaries = await incidentSummaries(ctx, incidents)
  return markup`<div class="table-wrap"><table class="stack incidents"><thead><tr><th>${t.th.incident}</th><th>${t.th.check}</th><th>${t.th.status}</th><th>${t.th.opened}</th><th>${t.th.lastSeen}</th><th>${t.th.resolved}</th><th class="num">${t.th.occurrences}</th><th>${t.th.vendor}</th><th>${t.th.summary}</th></tr></thead><tbody>
${incidents.map(
  (i) =>
    markup`<tr><td data-label="${t.th.incident}"><code title="${i.incidentId}">${i.incidentId.slice(0, 8)}</code></td><td data-label="${t.th.check}"><a href="${href(ctx, `/checks/${encodeURIComponent(i.check)}`)}">${i.check}</a></td><td data-label="${t.th.status}"><span class="label ${i.status === 'open' ? (i.worstStatus === 'error' ? 'error' : 'fail') : 'pass'}">${t.incidentStatus[i.status] ?? i.status}</span></td><td class="when" data-label="${t.th.opened}">${time(ctx, i.openedAt)}</td><td class="when" data-label="${t.th.lastSeen}">${time(ctx, i.lastSeenAt)}</td><td class="when" data-label="${t.th.resolved}">${i.resolvedAt === null ? '–' : time(ctx, i.resolvedAt)}</td><td class="num" data-label="${t.th.occurrences}">${num(ctx, i.occurrences)}</td><td data-label="${t.th.vendor}">${i.vendorTicket ? t.yes : t.no}</td><td class="msg" data-label="${t.th.summary}">${summaries.get(i.incidentId) ?? ''}</td></tr>`,
)}
</tbody></table></div>`
}

function numeric(text: string | null): number | null {
  if (text === null || !/^-?\d+(\.\d+)?$/.test(text)) return null
  return Number(text)
}

function assertionChart(ctx: PageContext, assertion: string, results: readonly StoredResult[]): SafeHtml {
  const t = texts(ctx)
  const ordered = [...results].reverse()
  const label = (r: StoredResult) => formatDateTime(r.evaluatedAt, ctx.config.timezone).slice(5)
  const first = ordered[0]
  if (first === undefined) return markup``
  if (kindNamed(first.kind)?.measures === 'lag') {
    const points: ChartPoint[] = ordered.map((r) => ({
      at: r.evaluatedAt,
      label: label(r),
      values: [r.difference === null ? null : -Number(r.difference.absolute) / 3_600_000],
      failed: r.status !== 'pass',
    }))
    return lineChart({
      points,
      series: [{ name: t.chartLegend.lag, className: 'difference' }],
      format: (v) => chartNumber(ctx, v, 1),
      title: t.chartHeading(assertion),
      failedLabel: t.chartLegend.failed,
      height: 160,
    })
  }
  const points: ChartPoint[] = ordered.map((r) => ({
    at: r.evaluatedAt,
    label: label(r),
    values: [numeric(mainValue(r.source)), numeric(mainValue(r.target))],
    failed: r.status !== 'pass',
  }))
  if (!points.some((p) => p.values.some((v) => v !== null))) return markup``
  const differences: ChartPoint[] = ordered.map((r) => ({
    at: r.evaluatedAt,
    label: label(r),
    values: [numeric(r.difference?.absolute ?? null)],
    failed: r.status !== 'pass',
  }))
  const format = (v: number) => chartNumber(ctx, v, 2)
  return markup`${lineChart({
    points,
    series: [
      { name: t.chartLegend.source, className: 'source' },
      { name: t.chartLegend.target, className: 'target' },
    ],
    format,
    title: t.chartHeading(assertion),
    failedLabel: t.chartLegend.failed,
    height: 200,
  })}${lineChart({
    points: differences,
    series: [{ name: t.chartLegend.difference, className: 'difference' }],
    format,
    title: `${t.chartLegend.difference}: ${assertion}`,
    failedLabel: t.chartLegend.failed,
    height: 130,
  })}`
}

/** A check's page: its latest results, a chart of source and target over time per assertion, its incidents. */
export async function checkPage(ctx: PageContext, id: string): Promise<Page> {
  const t = texts(ctx)
  const p = catalog(ctx.language).document
  const definition = ctx.definitions.find((d) => d.id === id)
  const history = await ctx.queries.checkHistory(id, 1000)
  if (definition === undefined && history.length === 0) return notFound(ctx, t.unknownCheck(id))
  const latestRunId = history[0]?.runId
  const latest = history.filter((r) => r.runId === latestRunId).sort((a, b) => a.seq - b.seq)
  const assertions = [
    ...new Set(latest.map((r) => r.assertion)),
    ...new Set(history.map((r) => r.assertion)),
  ].filter((a, i, all) => all.indexOf(a) === i)
  const incidents = await ctx.queries.incidents({ check: id })
  const body = markup`<p class="crumbs"><a href="${href(ctx, '/')}">${t.nav.today}</a> › <code>${id}</code></p>
<h1>${definition?.title ?? id}</h1>
${
  definition === undefined
    ? ''
    : markup`<p class="meta">${t.severity}: <span class="label ${definition.severity}">${p.severity[definition.severity]}</span> · ${t.owner}: ${definition.owner} · <a href="${href(ctx, `/control#${checkAnchor(id)}`)}">${t.controlLink}</a></p>
<p>${definition.description}</p>`
}
${
  latest[0] === undefined
    ? markup`<p>${t.noRuns}</p>`
    : markup`<h2>${t.latestOf(time(ctx, latest[0].evaluatedAt))}</h2>${resultsTable(ctx, latest, false, false)}`
}
${assertions.map((a) => {
  const own = history.filter((r) => r.assertion === a).slice(0, 60)
  return markup`<h3 id="${`chart-${a}`}">${t.chartHeading(a)}</h3>${assertionChart(ctx, a, own)}`
})}
<p class="note">${t.chartNote}</p>
<h2>${t.incidentsHeading}</h2>
${incidents === null ? markup`<p class="note">${t.incidentsUnavailable}</p>` : await incidentsTable(ctx, incidents)}
<h2>${t.history}</h2>
${resultsTable(ctx, history.slice(0, 200), false, true)}`
  return { status: 200, body: layout(ctx, null, definition?.title ?? id, body) }
}

/** The runs page: every run, newest first, with its counts. */
export async function runsPage(ctx: PageContext): Promise<Page> {
  const t = texts(ctx)
  const runs = await ctx.queries.runs({ limit: 200 })
  const body = markup`<h1>${t.runsHeading}</h1>
${
  runs.length === 0
    ? markup`<p>${t.noRuns}</p>`
    : markup`<div class="table-wrap"><table class="stack runs"><thead><tr><th>${t.th.started}</th><th>${t.th.status}</th><th class="num">${t.status.pass}</th><th class="num">${t.status.fail}</th><th class="num">${t.status.error}</th><th>${t.th.duration}</th><th>${t.th.trigger}</th><th>${t.th.host}</th><th>${t.th.run}</th></tr></thead><tbody>
${runs.map((r) => {
  const status: ResultStatus | 'none' =
    r.finishedAt === null ? 'error' : (r.errors ?? 0) > 0 ? 'error' : (r.failed ?? 0) > 0 ? 'fail' : 'pass'
  return markup`<tr><td class="when" data-label="${t.th.started}"><a href="${href(ctx, `/runs/${encodeURIComponent(r.runId)}`)}">${time(ctx, r.startedAt)}</a></td><td data-label="${t.th.status}"><span class="label ${status}">${t.runStatus[r.status] ?? r.status}</span></td><td class="num" data-label="${t.status.pass}">${r.passed === null ? '–' : num(ctx, r.passed)}</td><td class="num" data-label="${t.status.fail}">${r.failed === null ? '–' : num(ctx, r.failed)}</td><td class="num" data-label="${t.status.error}">${r.errors === null ? '–' : num(ctx, r.errors)}</td><td data-label="${t.th.duration}">${r.finishedAt === null ? '–' : formatDurationShort(r.finishedAt.getTime() - r.startedAt.getTime())}</td><td data-label="${t.th.trigger}">${triggerText(t, r.trigger)}</td><td data-label="${t.th.host}">${r.host}</td><td data-label="${t.th.run}"><code>${r.runId.slice(0, 8)}</code></td></tr>`
})}
</tbody></table></div>`
}`
  return { status: 200, body: layout(ctx, 'runs', t.runsHeading, body) }
}

/** One run: its facts and every result. */
export async function runPage(ctx: PageContext, runId: string): Promise<Page> {
  const t = texts(ctx)
  const run = await ctx.queries.run(runId)
  if (run === undefined) return notFound(ctx, t.unknownRun(runId))
  const results = await ctx.queries.resultsOfRuns([runId])
  const body = markup`<p class="crumbs"><a href="${href(ctx, '/runs')}">${t.nav.runs}</a> › <code>${run.runId.slice(0, 8)}</code></p>
<h1>${t.runHeading(time(ctx, run.startedAt))}</h1>
<dl class="facts"><dt>${t.th.run}</dt><dd><code>${run.runId}</code></dd><dt>${t.th.started}</dt><dd>${time(ctx, run.startedAt)}</dd><dt>${t.th.finished}</dt><dd>${run.finishedAt === null ? t.runStatus.running : time(ctx, run.finishedAt)}</dd><dt>${t.th.trigger}</dt><dd>${triggerText(t, run.trigger)} · ${run.host} · ${run.toolVersion}</dd></dl>
${resultsTable(ctx, results, true, false)}`
  return { status: 200, body: layout(ctx, 'runs', t.runHeading(run.runId.slice(0, 8)), body) }
}

/** Open and resolved incidents, when the store records them. */
export async function incidentsPage(ctx: PageContext): Promise<Page> {
  const t = texts(ctx)
  const incidents = await ctx.queries.incidents()
  const body =
    incidents === null
      ? markup`<h1>${t.incidentsHeading}</h1><p class="note">${t.incidentsUnavailable}</p>`
      : markup`<h1>${t.incidentsHeading}</h1><h2>${t.openHeading}</h2>${await incidentsTable(
          ctx,
          incidents.filter((i) => i.status === 'open'),
        )}<h2>${t.pastHeading}</h2>${await incidentsTable(
          ctx,
          incidents.filter((i) => i.status !== 'open'),
        )}`
  return { status: 200, body: layout(ctx, 'incidents', t.incidentsHeading, body) }
}

/** The control document, with each check's SQL from its last recorded run. */
export async function controlPage(ctx: PageContext): Promise<Page> {
  const doc = await buildControlDocument({
    config: ctx.config,
    definitions: ctx.definitions,
    statements: { kind: 'store', queries: ctx.queries },
    now: ctx.now,
  })
  const body = markup`<div class="doc">${controlDocumentFragment(doc, ctx.language)}</div>`
  return { status: 200, body: layout(ctx, 'control', texts(ctx).nav.control, body) }
}

/** A 404 page in the context's language. */
export function notFound(ctx: PageContext, message?: string): Page {
  const t = texts(ctx)
  return {
    status: 404,
    body: layout(ctx, null, t.notFound, markup`<h1>${t.notFound}</h1><p>${message ?? ''}</p>`),
  }
}

/** A 500 page: says what failed without a stack trace. */
export function errorPage(ctx: PageContext, message: string): Page {
  const t = texts(ctx)
  return { status: 500, body: layout(ctx, null, t.error, markup`<h1>${t.error}</h1><p>${message}</p>`) }
}
