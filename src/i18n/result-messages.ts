import type { MessageFormat, MessageText } from './catalog/results.js'
import { countOf, formatDurationWords, formatNumber, formatNumberText } from './format.js'
import { catalog, DEFAULT_LANGUAGE, type Language } from './language.js'
import { joinList } from './phrase-helpers.js'

/**
 * What a result's message may carry: counts and exact decimal text of counts, sums and differences, column and
 * function names, durations in ms, flags. Never a row value: keys, group values and timestamps read from rows stay
 * in the result's own fields.
 */
export type MessageParamValue = string | number | boolean | null | readonly string[] | readonly number[]

/** A tolerance as a message carries it: each bound, or null when it is not set (or 0). */
export type ToleranceParams = {
  readonly toleranceAbsolute: number | null
  readonly tolerancePercent: number | null
}

/** What the checksum knew before locating: rows on each side and the number of columns hashed. */
export type ChecksumBase = {
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

const FORMATS = new Map<Language, MessageFormat>()

/** The formatters of a language's result texts, with the words of its catalog. */
function messageFormat(language: Language): MessageFormat {
  let found = FORMATS.get(language)
  if (found !== undefined) return found
  const words = catalog(language).results
  const num = (text: string) => formatNumberText(text, language)
  const percent = (p: number) => words.percent(formatNumber(p, language))
  found = {
    num,
    count: (n) => formatNumber(n, language, 0),
    countOf: (n, forms) => countOf(n, language, forms),
    percent,
    signed: (text) => `${text.startsWith('-') ? '' : text === '0' ? '' : '+'}${num(text)}`,
    tolerance: (p) => {
      const parts: string[] = []
      if (p.toleranceAbsolute !== null) parts.push(`±${formatNumber(p.toleranceAbsolute, language)}`)
      if (p.tolerancePercent !== null) parts.push(`±${percent(p.tolerancePercent)}`)
      return parts.length === 0 ? words.exact : parts.join(words.or)
    },
    list: (items) => joinList(items, catalog(language).and),
    rows: (n) => countOf(n, language, words.rows),
    columns: (n) => countOf(n, language, words.columns),
    duration: (ms) => formatDurationWords(ms, language),
  }
  FORMATS.set(language, found)
  return found
}

/**
 * Every message code, for tests and for telling a stored code from an unknown one. Each language's catalog has a
 * text for every code (its type says so), so the default language's list is every language's.
 */
export const MESSAGE_CODES = Object.keys(catalog(DEFAULT_LANGUAGE).results.messages) as readonly MessageCode[]

/** Whether a stored text is a message code this version knows. */
export function isMessageCode(text: unknown): text is MessageCode {
  return typeof text === 'string' && (MESSAGE_CODES as readonly string[]).includes(text)
}

/** Renders one code with its parameters in a language. */
export function renderMessage<C extends MessageCode>(
  code: C,
  params: MessageParamsByCode[C],
  language: Language,
): string {
  const text: MessageText<C> = catalog(language).results.messages[code]
  return text(params, messageFormat(language))
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
