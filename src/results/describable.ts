import type { ResultStatus } from './types.js'

/** The parts of a result a message describes; both recorded results and stored ones have them. */
export interface DescribableResult {
  readonly assertion: string
  readonly kind: string
  readonly status: ResultStatus
  readonly source: Readonly<Record<string, string | null>> | null
  readonly target: Readonly<Record<string, string | null>> | null
  readonly difference: { readonly absolute: string; readonly percent: number | null } | null
  readonly details?: {
    readonly groups?: ReadonlyArray<{
      readonly group: Readonly<Record<string, string | null>>
      readonly source: string
      readonly target: string
    }>
    readonly groupsDiffering?: number
    /** A row count's rows missing in the target, summed per group (decimal text). */
    readonly rowsMissing?: string
    /** A row count's rows extra in the target, summed per group (decimal text). */
    readonly rowsExtra?: string
    readonly checksum?: {
      readonly located?: boolean
      readonly changed?: number
      readonly missing?: number
      readonly extra?: number
      readonly duplicateKeys?: number
      readonly columnsDiffering?: ReadonlyArray<{ readonly column: string; readonly rows: number }>
      readonly samples?: ReadonlyArray<{ readonly category: string; readonly key: string }>
      readonly keysMasked?: boolean
      readonly incomplete?: boolean
      readonly stoppedBy?: 'rows' | 'time'
    }
  } | null
  readonly error?: { readonly code: string; readonly message: string } | null
  /** The result's own one-line message (English), used when no difference can be described. */
  readonly message?: string
}

/**
 * What a result's `difference.absolute` (target minus source) measures, for readers that show it in their own
 * units without naming a kind: `rows` a count of rows, `amount` a value of the data, `lag` milliseconds between
 * the sides' newest rows (negative: the target is behind), `values` nothing a reader can show (equal sizes may still
 * differ: readers say the values differ). A result of a kind this version does not know has none.
 */
export type DifferenceMeasure = 'rows' | 'amount' | 'lag' | 'values'

/** A result of one kind in words, for mail and pages; what is left unset gets the generic wording. */
export interface ResultDescription {
  /** How the sides differ, instead of the generic signed size and percent (empty: nothing to say). */
  readonly difference?: string
  /** Said after the size and percent, e.g. what locating the differing rows found. */
  readonly note?: string
  /** A short phrase for a subject line, after the assertion's name and a colon. */
  readonly subject?: string
  /** Rows the kind counted as missing, extra, changed or with a duplicate key in the target (decimal text). */
  readonly counts?: RowCounts
}

/** Rows by what is wrong with them, as decimal text; a kind sets those it counts. */
export interface RowCounts {
  readonly missing?: string
  readonly extra?: string
  readonly changed?: string
  readonly duplicate?: string
  /** True when a budget or a truncated list left some out: the counts are lower bounds. */
  readonly lowerBound?: boolean
}
