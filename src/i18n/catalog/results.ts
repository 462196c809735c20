import type {
  ChecksumBase,
  MessageCode,
  MessageParamsByCode,
  NotLocatedReason,
  ToleranceParams,
} from '../result-messages.js'
import type { PluralForms } from './kinds.js'

/**
 * Formatters a result text gets from the renderer (src/i18n/result-messages.ts), bound to the reader's language:
 * numbers with the language's separators, counts with their word, durations in words.
 */
export interface MessageFormat {
  /** Exact decimal text with the language's separators: `250 000`. */
  readonly num: (text: string) => string
  /** A whole count with the language's separators. */
  readonly count: (n: number) => string
  /** A count and its word by the language's plural rules: `1 rad`, `47 rader`. */
  readonly countOf: (n: number, forms: PluralForms) => string
  /** A percentage: `0,0356 %`. */
  readonly percent: (p: number) => string
  /** Decimal text with its sign: `+3`, `−12 345,5`. */
  readonly signed: (text: string) => string
  /** A tolerance: `±5 eller ±0,01 %`, or `exakt`. */
  readonly tolerance: (p: ToleranceParams) => string
  /** `a, b och c`. */
  readonly list: (items: readonly string[]) => string
  /** A count of rows with its word. */
  readonly rows: (n: number) => string
  /** A count of columns with its word. */
  readonly columns: (n: number) => string
  /** A duration in ms, in words: `26 timmar`. */
  readonly duration: (ms: number) => string
}

/** A code's text: its parameters, as the result carries them, rendered with the language's formatters. */
export type MessageText<C extends MessageCode> = (p: MessageParamsByCode[C], f: MessageFormat) => string

/**
 * Result messages by code (src/i18n/result-messages.ts): one text per code, so a code without a text in every
 * language does not compile, and the words the renderer's formatters use.
 */
export interface ResultsTexts {
  /** The word of a count of rows: `1 rad`, `2 rader`. */
  readonly rows: PluralForms
  /** The word of a count of columns. */
  readonly columns: PluralForms
  /** A formatted percentage with its sign: `0,5 %`. */
  readonly percent: (p: string) => string
  /** No tolerance. */
  readonly exact: string
  /** Joins two tolerance bounds: ` eller `. */
  readonly or: string
  /** What a differing checksum knew before locating: rows on each side, columns hashed. */
  readonly checksumBase: (p: ChecksumBase, f: MessageFormat) => string
  /** Why the differing rows were not located; `keyColumn` for `key_type`. */
  readonly notLocated: Readonly<Record<NotLocatedReason, (keyColumn: string | null) => string>>
  /** The text of every code. */
  readonly messages: { readonly [C in MessageCode]: MessageText<C> }
}
