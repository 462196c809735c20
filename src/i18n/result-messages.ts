import { formatDurationWords, formatNumber, formatNumberText } from './format.js'
import type { Language } from './language.js'

/**
 * What a result's message may carry: counts and exact decimal text of counts, sums and differences, column and
 * function names, durations in ms, flags. Never a row value: keys, group values and timestamps read from rows stay
 * in the result's own fields.
 */
export type MessageParamValue = string | number | boolean | null | readonly string[] | readonly number[]

/** A tolerance as a message carries it: each bound, or null when it is not set (or 0). */
type ToleranceParams = {
  readonly toleranceAbsolute: number | null
  readonly tolerancePercent: number | null
}

/** What the checksum knew before locating: rows on each side and the number of columns hashed. */
type ChecksumBase = {
  readonly sourceRows: number
  readonly targetRows: number
  readonly columns: number
}

/** Why the differing rows of a checksum were not located. */
export type NotLocatedReason = 'locate_off' | 'no_key' | 'key_type' | 'failed'

/**
 * The parameters of every message code. Counts and sums of the sides are exact decimal text (`"250000"`),
 * durations are ms, percentages are numbers (4 decimals at most).
 */
export type MessageParamsByCode = {
  /** Whole-table row counts within tolerance. */
  readonly 'row_count.agree': ToleranceParams & { readonly source: string; readonly target: string }
  /** The target has fewer rows than the source beyond tolerance; `rows` is how many fewer. */
  readonly 'row_count.rows_missing': ToleranceParams & {
    readonly source: string
    readonly target: string
    readonly rows: string
    readonly percent: number | null
  }
  /** The target has more rows than the source beyond tolerance; `rows` is how many more. */
  readonly 'row_count.rows_extra': ToleranceParams & {
    readonly source: string
    readonly target: string
    readonly rows: string
    readonly percent: number | null
  }
  /** Every group of a grouped row count within tolerance. */
  readonly 'row_count.groups_agree': ToleranceParams & {
    readonly groups: number
    readonly groupBy: readonly string[]
  }
  /** Some groups of a grouped row count differ (which ones: the result's details). */
  readonly 'row_count.groups_differ': ToleranceParams & {
    readonly differing: number
    readonly groups: number
    readonly groupBy: readonly string[]
  }
  /** An aggregate is empty (NULL) on both sides. */
  readonly 'aggregate.empty': { readonly function: string; readonly column: string }
  /** An aggregate is empty on one side only. */
  readonly 'aggregate.empty_on_one_side': {
    readonly function: string
    readonly column: string
    readonly emptySide: 'source' | 'target'
  }
  /** A numeric aggregate within tolerance. */
  readonly 'aggregate.agrees': ToleranceParams & { readonly function: string; readonly column: string }
  /** A numeric aggregate beyond tolerance; `difference` is target − source. */
  readonly 'aggregate.differs': ToleranceParams & {
    readonly function: string
    readonly column: string
    readonly difference: string
    readonly percent: number | null
  }
  /** A non-numeric aggregate (min/max of text or dates) equal on both sides. */
  readonly 'aggregate.equal': { readonly function: string; readonly column: string }
  /** A non-numeric aggregate that differs. */
  readonly 'aggregate.not_equal': { readonly function: string; readonly column: string }
  /** The target has no rows with a value in the column. */
  readonly 'freshness.no_target_rows': { readonly column: string }
  /** Within max_age and max_lag; `lagMs` null when the source has no rows. */
  readonly 'freshness.fresh': {
    readonly column: string
    readonly ageMs: number
    readonly lagMs: number | null
    readonly fromCutoff: boolean
  }
  /** Beyond max_age or max_lag; each limit is set only when it was exceeded. */
  readonly 'freshness.stale': {
    readonly column: string
    readonly ageMs: number
    readonly maxAgeMs: number | null
    readonly lagMs: number | null
    readonly maxLagMs: number | null
    readonly fromCutoff: boolean
  }
  /** Equal row counts and checksums. */
  readonly 'checksum.agree': ChecksumBase
  /** Equal row counts, different checksums. */
  readonly 'checksum.values_differ': ChecksumBase
  /** Different row counts (and so checksums). */
  readonly 'checksum.rows_differ': ChecksumBase
  /** A differing checksum whose rows were located (counts are lower bounds when not `complete`). */
  readonly 'checksum.rows_located': ChecksumBase & {
    readonly missing: number
    readonly extra: number
    readonly changed: number
    readonly duplicateKeys: number
    /** Columns whose values differ in changed rows, most rows first, with `differingRows` in the same order. */
    readonly differingColumns: readonly string[]
    readonly differingRows: readonly number[]
    /** Extra rows may be rows deleted in the source after the load (late changes left out by key). */
    readonly extraMayBeLate: boolean
    readonly complete: boolean
    readonly stoppedBy: 'rows' | 'time' | null
    readonly unlocatedSourceRows: number
    readonly unlocatedTargetRows: number
  }
  /** A differing checksum whose rows were not located. */
  readonly 'checksum.not_located': ChecksumBase & {
    readonly reason: NotLocatedReason
    /** The key column whose type cannot be located on (`key_type`), else null. */
    readonly keyColumn: string | null
  }
  /** The check could not run; the cause is the result's error. */
  readonly 'check.could_not_run': { readonly errorCode: string }
}

/** Every message code a result can carry, e.g. `row_count.rows_missing`. */
export type MessageCode = keyof MessageParamsByCode

/** A code with its parameters, as a result carries them. */
export interface ResultMessage<C extends MessageCode = MessageCode> {
  readonly messageCode: C
  readonly messageParams: MessageParamsByCode[C]
}

/** Pairs a code with parameters of its own type, for spreading into a result. */
export function resultMessage<C extends MessageCode>(
  code: C,
  params: MessageParamsByCode[C],
): ResultMessage<C> {
  return { messageCode: code, messageParams: params }
}

/** The tolerance params of a tolerance (bounds of 0 count as not set). */
export function toleranceParams(tolerance: { absolute?: number; percent?: number }): ToleranceParams {
  return {
    toleranceAbsolute: tolerance.absolute !== undefined && tolerance.absolute > 0 ? tolerance.absolute : null,
    tolerancePercent: tolerance.percent !== undefined && tolerance.percent > 0 ? tolerance.percent : null,
  }
}

type Render<C extends MessageCode> = (p: MessageParamsByCode[C], language: Language) => string

/** One text per language for every code: a code without a text in every language does not compile. */
type Texts = { readonly [C in MessageCode]: Readonly<Record<Language, Render<C>>> }

const num = (text: string, language: Language) => formatNumberText(text, language)
const count = (n: number, language: Language) => formatNumber(n, language, 0)
const percent = (p: number, language: Language) =>
  language === 'sv' ? `${formatNumber(p, language)}\u00a0%` : `${formatNumber(p, language)}%`
const signed = (text: string, language: Language) =>
  `${text.startsWith('-') ? '' : text === '0' ? '' : '+'}${num(text, language)}`
const duration = (ms: number, language: Language) => formatDurationWords(ms, language)

function tolerance(p: ToleranceParams, language: Language): string {
  const parts: string[] = []
  if (p.toleranceAbsolute !== null) parts.push(`±${formatNumber(p.toleranceAbsolute, language)}`)
  if (p.tolerancePercent !== null) parts.push(`±${percent(p.tolerancePercent, language)}`)
  if (parts.length === 0) return language === 'sv' ? 'exakt' : 'exact'
  return parts.join(language === 'sv' ? ' eller ' : ' or ')
}

function list(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${language === 'sv' ? 'och' : 'and'} ${items.at(-1) ?? ''}`
}

function rows(n: number, language: Language): string {
  if (language === 'sv') return `${count(n, language)} ${n === 1 ? 'rad' : 'rader'}`
  return `${count(n, language)} ${n === 1 ? 'row' : 'rows'}`
}

function columns(n: number, language: Language): string {
  if (language === 'sv') return `${count(n, language)} ${n === 1 ? 'kolumn' : 'kolumner'}`
  return `${count(n, language)} ${n === 1 ? 'column' : 'columns'}`
}

const CHECKSUM_BASE: Readonly<Record<Language, (p: ChecksumBase) => string>> = {
  sv: (p) =>
    p.sourceRows === p.targetRows
      ? `värdena skiljer sig: båda sidor har ${rows(p.sourceRows, 'sv')}, men kontrollsummorna över ${columns(p.columns, 'sv')} skiljer sig`
      : `raderna skiljer sig: källan har ${rows(p.sourceRows, 'sv')}, målet ${rows(p.targetRows, 'sv')}; kontrollsummorna över ${columns(p.columns, 'sv')} skiljer sig`,
  en: (p) =>
    p.sourceRows === p.targetRows
      ? `values differ: both sides have ${rows(p.sourceRows, 'en')}, but the checksums over ${columns(p.columns, 'en')} differ`
      : `rows differ: source ${rows(p.sourceRows, 'en')}, target ${rows(p.targetRows, 'en')}; checksums over ${columns(p.columns, 'en')} differ`,
}

const NOT_LOCATED: Readonly<
  Record<Language, Record<NotLocatedReason, (keyColumn: string | null) => string>>
> = {
  sv: {
    locate_off: () => 'lokalisering är avstängd för kontrollen ("locate: false")',
    no_key: () => 'definitionen har ingen nyckel ("key")',
    key_type: (k) => `nyckelkolumnen ${k ?? ''} har en typ som inte kan lokaliseras`,
    failed: () => 'lokaliseringen misslyckades',
  },
  en: {
    locate_off: () => 'locating is off for this assertion ("locate: false")',
    no_key: () => 'the definition has no "key"',
    key_type: (k) => `key column ${k ?? ''} has a type that cannot be located on`,
    failed: () => 'locating failed',
  },
}

const TEXTS: Texts = {
  'row_count.agree': {
    sv: (p, l) =>
      `antalet rader stämmer (${num(p.source, l)} i källan, ${num(p.target, l)} i målet, marginal ${tolerance(p, l)})`,
    en: (p, l) =>
      `row counts agree (${num(p.source, l)} source, ${num(p.target, l)} target, tolerance ${tolerance(p, l)})`,
  },
  'row_count.rows_missing': {
    sv: (p, l) =>
      `målet har ${num(p.rows, l)} färre rader än källan (${num(p.source, l)} → ${num(p.target, l)}${p.percent === null ? '' : `, −${percent(p.percent, l)}`}), marginal ${tolerance(p, l)}`,
    en: (p, l) =>
      `target has ${num(p.rows, l)} fewer rows than the source (${num(p.source, l)} → ${num(p.target, l)}${p.percent === null ? '' : `, -${percent(p.percent, l)}`}), tolerance ${tolerance(p, l)}`,
  },
  'row_count.rows_extra': {
    sv: (p, l) =>
      `målet har ${num(p.rows, l)} fler rader än källan (${num(p.source, l)} → ${num(p.target, l)}${p.percent === null ? '' : `, +${percent(p.percent, l)}`}), marginal ${tolerance(p, l)}`,
    en: (p, l) =>
      `target has ${num(p.rows, l)} more rows than the source (${num(p.source, l)} → ${num(p.target, l)}${p.percent === null ? '' : `, +${percent(p.percent, l)}`}), tolerance ${tolerance(p, l)}`,
  },
  'row_count.groups_agree': {
    sv: (p, l) =>
      `alla ${count(p.groups, l)} grupper per ${list(p.groupBy, l)} stämmer (marginal ${tolerance(p, l)})`,
    en: (p, l) =>
      `all ${count(p.groups, l)} groups by ${list(p.groupBy, l)} agree (tolerance ${tolerance(p, l)})`,
  },
  'row_count.groups_differ': {
    sv: (p, l) =>
      `${count(p.differing, l)} av ${count(p.groups, l)} grupper per ${list(p.groupBy, l)} skiljer sig (marginal ${tolerance(p, l)})`,
    en: (p, l) =>
      `${count(p.differing, l)} of ${count(p.groups, l)} groups by ${list(p.groupBy, l)} differ (tolerance ${tolerance(p, l)})`,
  },
  'aggregate.empty': {
    sv: (p) => `${p.function}(${p.column}) är tomt på båda sidor`,
    en: (p) => `${p.function}(${p.column}) is empty on both sides`,
  },
  'aggregate.empty_on_one_side': {
    sv: (p) =>
      p.emptySide === 'target'
        ? `${p.function}(${p.column}) är tomt i målet men inte i källan`
        : `${p.function}(${p.column}) är tomt i källan men inte i målet`,
    en: (p) =>
      p.emptySide === 'target'
        ? `${p.function}(${p.column}) is empty on the target but not on the source`
        : `${p.function}(${p.column}) is empty on the source but not on the target`,
  },
  'aggregate.agrees': {
    sv: (p, l) => `${p.function}(${p.column}) stämmer (marginal ${tolerance(p, l)})`,
    en: (p, l) => `${p.function}(${p.column}) agrees (tolerance ${tolerance(p, l)})`,
  },
  'aggregate.differs': {
    sv: (p, l) =>
      `${p.function}(${p.column}) skiljer sig med ${signed(p.difference, l)}${p.percent === null ? '' : ` (${percent(p.percent, l)})`}, marginal ${tolerance(p, l)}`,
    en: (p, l) =>
      `${p.function}(${p.column}) differs by ${signed(p.difference, l)}${p.percent === null ? '' : ` (${percent(p.percent, l)})`}, tolerance ${tolerance(p, l)}`,
  },
  'aggregate.equal': {
    sv: (p) => `${p.function}(${p.column}) är lika på båda sidor`,
    en: (p) => `${p.function}(${p.column}) agrees`,
  },
  'aggregate.not_equal': {
    sv: (p) => `${p.function}(${p.column}) skiljer sig mellan källan och målet`,
    en: (p) => `${p.function}(${p.column}) differs between source and target`,
  },
  'freshness.no_target_rows': {
    sv: (p) => `målet har inga rader med ${p.column}, så aktualiteten kan inte visas`,
    en: (p) => `the target has no rows with a ${p.column}, so its freshness cannot be shown`,
  },
  'freshness.fresh': {
    sv: (p, l) =>
      `aktuellt: nyaste ${p.column} i målet är ${duration(p.ageMs, l)} gammal${p.fromCutoff ? ' vid cutoff' : ''}${p.lagMs === null ? '' : `, ${duration(p.lagMs, l)} efter källan`}`,
    en: (p, l) =>
      `fresh: newest target ${p.column} is ${duration(p.ageMs, l)} old${p.fromCutoff ? ' at the cutoff' : ''}${p.lagMs === null ? '' : `, ${duration(p.lagMs, l)} behind the source`}`,
  },
  'freshness.stale': {
    sv: (p, l) =>
      `inaktuellt: ${[
        ...(p.maxAgeMs === null
          ? []
          : [
              `nyaste raden i målet är ${duration(p.ageMs, l)} gammal${p.fromCutoff ? ' vid cutoff' : ''} (tillåtet ${duration(p.maxAgeMs, l)})`,
            ]),
        ...(p.maxLagMs === null || p.lagMs === null
          ? []
          : [`målet ligger ${duration(p.lagMs, l)} efter källan (tillåtet ${duration(p.maxLagMs, l)})`]),
      ].join('; ')}`,
    en: (p, l) =>
      `stale: ${[
        ...(p.maxAgeMs === null
          ? []
          : [
              `newest target row is ${duration(p.ageMs, l)} old${p.fromCutoff ? ' at the cutoff' : ''} (allowed ${duration(p.maxAgeMs, l)})`,
            ]),
        ...(p.maxLagMs === null || p.lagMs === null
          ? []
          : [`target is ${duration(p.lagMs, l)} behind the source (allowed ${duration(p.maxLagMs, l)})`]),
      ].join('; ')}`,
  },
  'checksum.agree': {
    sv: (p, l) =>
      `alla värden stämmer: ${rows(p.sourceRows, l)} på båda sidor, samma kontrollsumma över ${columns(p.columns, l)}`,
    en: (p, l) =>
      `every value agrees: ${rows(p.sourceRows, l)} on both sides, same checksum over ${columns(p.columns, l)}`,
  },
  'checksum.values_differ': { sv: (p) => CHECKSUM_BASE.sv(p), en: (p) => CHECKSUM_BASE.en(p) },
  'checksum.rows_differ': { sv: (p) => CHECKSUM_BASE.sv(p), en: (p) => CHECKSUM_BASE.en(p) },
  'checksum.rows_located': {
    sv: (p, l) => {
      const parts = [
        `${count(p.missing, l)} saknas i målet`,
        `${count(p.extra, l)} extra i målet${p.extraMayBeLate && p.extra > 0 ? ' (kan ha raderats i källan efter laddningen)' : ''}`,
        `${count(p.changed, l)} ändrade`,
        ...(p.duplicateKeys > 0 ? [`${count(p.duplicateKeys, l)} dubblerade nycklar`] : []),
      ]
      const differing = p.differingColumns.map((c, i) => `${c} i ${rows(p.differingRows[i] ?? 0, l)}`)
      const stopped =
        p.stoppedBy === 'time' ? 'tidsgränsen (max_locate_time)' : 'radgränsen (max_rows_fetched)'
      return `${CHECKSUM_BASE.sv(p)}; ${p.complete ? 'lokaliserade' : 'lokaliserade hittills'} ${parts.join(', ')}${differing.length === 0 ? '' : ` (avviker: ${differing.join(', ')})`}${p.complete ? '' : `; ofullständigt, stoppat av ${stopped}: ${rows(p.unlocatedSourceRows, l)} i källan och ${rows(p.unlocatedTargetRows, l)} i målet ej undersökta, så antalen är minst så många`}`
    },
    en: (p, l) => {
      const parts = [
        `${count(p.missing, l)} missing in the target`,
        `${count(p.extra, l)} extra in the target${p.extraMayBeLate && p.extra > 0 ? ' (may have been deleted in the source after the load)' : ''}`,
        `${count(p.changed, l)} changed`,
        ...(p.duplicateKeys > 0
          ? [`${count(p.duplicateKeys, l)} duplicate ${p.duplicateKeys === 1 ? 'key' : 'keys'}`]
          : []),
      ]
      const differing = p.differingColumns.map((c, i) => `${c} in ${rows(p.differingRows[i] ?? 0, l)}`)
      const stopped =
        p.stoppedBy === 'time' ? 'the time budget (max_locate_time)' : 'the row budget (max_rows_fetched)'
      return `${CHECKSUM_BASE.en(p)}; ${p.complete ? 'located' : 'located so far'} ${parts.join(', ')}${differing.length === 0 ? '' : ` (differing: ${differing.join(', ')})`}${p.complete ? '' : `; incomplete, stopped by ${stopped}: ${rows(p.unlocatedSourceRows, l)} source and ${rows(p.unlocatedTargetRows, l)} target left unexamined, so these counts are lower bounds`}`
    },
  },
  'checksum.not_located': {
    sv: (p) =>
      `${CHECKSUM_BASE.sv(p)}; de avvikande raderna lokaliserades inte: ${NOT_LOCATED.sv[p.reason](p.keyColumn)}`,
    en: (p) =>
      `${CHECKSUM_BASE.en(p)}; the differing rows were not located: ${NOT_LOCATED.en[p.reason](p.keyColumn)}`,
  },
  'check.could_not_run': {
    sv: (p) => `kunde inte köras (${p.errorCode})`,
    en: (p) => `could not run (${p.errorCode})`,
  },
}

/** Every message code, for tests and for telling a stored code from an unknown one. */
export const MESSAGE_CODES = Object.keys(TEXTS) as readonly MessageCode[]

/** Whether a stored text is a message code this version knows. */
export function isMessageCode(text: unknown): text is MessageCode {
  return typeof text === 'string' && Object.hasOwn(TEXTS, text)
}

/** Renders one code with its parameters in a language. */
export function renderMessage<C extends MessageCode>(
  code: C,
  params: MessageParamsByCode[C],
  language: Language,
): string {
  const render: Render<C> = TEXTS[code][language]
  return render(params, language)
}

/**
 * A result's message in the reader's language: its code rendered with its parameters when it has a code this
 * version knows, else its English `message` (results stored before codes existed).
 */
export function resultText(
  result: {
    readonly message: string
    readonly messageCode?: string | null
    readonly messageParams?: Readonly<Record<string, unknown>> | null
  },
  language: Language,
): string {
  const code = result.messageCode
  if (!isMessageCode(code) || result.messageParams === null || result.messageParams === undefined)
    return result.message
  // Parameters were stored with their code by this module's types; a stored row is trusted to match them.
  return renderMessage(code, result.messageParams as MessageParamsByCode[typeof code], language)
}
