import { kindNamed } from '../check-kinds/index.js'
import { markup, type SafeHtml } from '../explain/html.js'
import type { WebTexts } from '../i18n/catalog/web.js'
import { formatDateTime, formatDurationShort, formatNumberText } from '../i18n/format.js'
import { catalog, type Language } from '../i18n/language.js'
import { mainValue } from '../notify/describe.js'
import type { ResultStatus } from '../results/types.js'
import type { StoredResult } from '../store/stored-result.js'
import type { PageContext } from './page-context.js'

/** Statuses from worst to best, for sorting. */
export const STATUS_ORDER: Readonly<Record<ResultStatus, number>> = { error: 0, fail: 1, pass: 2 }

/** The worst of some statuses; undefined for none. */
export function worst(statuses: readonly ResultStatus[]): ResultStatus | undefined {
  return [...statuses].sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b])[0]
}

/** A status as a coloured label in the page's language. */
export function statusLabel(t: WebTexts, status: ResultStatus): SafeHtml {
  return markup`<span class="label ${status}">${t.status[status]}</span>`
}

/** Link to a page in the same language. */
export function href(ctx: PageContext, path: string): string {
  return `/${ctx.language}${path}`
}

/** An instant as local `YYYY-MM-DD HH:MM` in the installation's zone. */
export function time(ctx: PageContext, at: Date): string {
  return formatDateTime(at, ctx.config.timezone)
}

/** A result side's main value for a table cell: a number in the page's format, a timestamp as local time. */
export function valueCell(ctx: PageContext, values: Readonly<Record<string, string | null>> | null): string {
  const v = mainValue(values)
  if (values === null) return '–'
  if (v === null) return 'NULL'
  // Canonical timestamps read better as `2026-11-23 03:09`; zero seconds and fractions add nothing.
  if (/^\d{4}-\d\d-\d\dT/.test(v))
    return v.replace('T', ' ').replace(/(:\d\d)?(\.0+)?Z?$/, (m) => (m.endsWith('Z') ? ' UTC' : ''))
  return num(ctx, v)
}

/** A count or exact decimal text on a page, in the page language's one format. */
export function num(ctx: PageContext, value: number | string): string {
  return formatNumberText(String(value), ctx.language)
}

/** A chart's axis number, rounded to `digits` decimals, in the page language's format. */
export function chartNumber(ctx: PageContext, value: number, digits: number): string {
  const scale = 10 ** digits
  return formatNumberText(String(Math.round(value * scale) / scale), ctx.language)
}

/** The texts of the page's language. */
export function texts(ctx: PageContext): WebTexts {
  return catalog(ctx.language).web
}

/** What started a run (`cli`, `demo`, `schedule:NAME`), in words. */
export function triggerText(t: WebTexts, trigger: string): string {
  if (trigger === 'cli') return t.trigger.cli
  if (trigger.startsWith('schedule:')) return t.trigger.schedule(trigger.slice('schedule:'.length))
  return trigger
}

const PERCENT = new Map<Language, Intl.NumberFormat>()

/**
 * A signed percentage (`−0,0356 %`, `-0.0356%`). Results record the percentage's size, in percent; its sign is the
 * difference's (`negative`).
 */
function percentText(ctx: PageContext, percent: number, negative: boolean): string {
  let format = PERCENT.get(ctx.language)
  if (format === undefined) {
    format = new Intl.NumberFormat(catalog(ctx.language).tag, {
      style: 'percent',
      maximumFractionDigits: 6,
      signDisplay: 'exceptZero',
    })
    PERCENT.set(ctx.language, format)
  }
  return format.format(((negative ? -1 : 1) * Math.abs(percent)) / 100).replace('-', '−')
}

/** What a result's kind says about it, in the page's language; nothing for a kind this version does not know. */
function kindWords(ctx: PageContext, r: StoredResult) {
  return kindNamed(r.kind)?.describe(r, ctx.language) ?? {}
}

/** A result's difference for a table cell, in the units its kind measures. */
export function differenceCell(ctx: PageContext, r: StoredResult): string {
  // A located checksum says what it found: rows per category and the columns the changed rows differ in.
  const words = kindWords(ctx, r)
  // A lag is target minus source in ms: shown as how far the target is behind.
  if (kindNamed(r.kind)?.measures === 'lag' && r.difference !== null)
    return formatDurationShort(-Number(r.difference.absolute))
  const located = words.note ?? ''
  if (r.difference === null) return located === '' ? '–' : located
  const size = formatNumberText(r.difference.absolute, ctx.language, { signed: true })
  const negative = r.difference.absolute.startsWith('-')
  const text =
    r.difference.percent === null || r.difference.absolute === '0'
      ? size
      : `${size} (${percentText(ctx, r.difference.percent, negative)})`
  return located === '' ? text : `${text}; ${located}`
}

/**
 * What a result found, in the page's language: the one place the dashboard puts a result into words. Results
 * record an English `message` for logs; it is never shown here. The words come from the result's kind
 * (`describe`), which also locates the difference; a result's message code (src/i18n/result-messages.ts) renders
 * less (see the branch's report).
 */
export function resultText(ctx: PageContext, r: StoredResult): string {
  const t = texts(ctx)
  if (r.status === 'error') return t.couldNotRun(r.errorCode ?? 'ERROR')
  if (r.status === 'pass') return t.passed
  const words = kindWords(ctx, r)
  const d = r.difference
  const what =
    words.subject ??
    words.difference ??
    (d === null || d.absolute === '0' ? undefined : t.differsBy(differenceCell(ctx, { ...r, details: null })))
  const note = words.note ?? ''
  // A kind may say the same in its subject and its note (a checksum's located rows): say it once.
  const found =
    what === undefined || note.includes(what) ? [note] : what.includes(note) ? [what] : [what, note]
  const text = found.filter((w) => w !== '').join('; ')
  return text === '' ? t.failed : text
}
