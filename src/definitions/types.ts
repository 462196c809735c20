import type { TYPE_FAMILIES } from './schema.js'

/** Which side of a comparison: the system of record, or its reporting copy. */
export type Side = 'source' | 'target'

/** Both sides, in the order results show them. */
export const SIDES: readonly Side[] = ['source', 'target']

/** A type family a column can be declared as. */
export type DeclaredType = (typeof TYPE_FAMILIES)[number]

/** Where one side's rows come from. Exactly one of `table` and `query` is set. */
export interface Dataset {
  readonly connection: string
  readonly table?: { readonly schema: string; readonly name: string }
  readonly where?: string
  readonly query?: string
}

/**
 * How a column's values are normalised before a checksum compares them (docs/checksum.md); each option is set only
 * where the real data needs it, and an unset option keeps every difference.
 */
export interface CanonicalOptions {
  /**
   * Timestamps: fraction-of-second digits compared, 0–7, dropped by `rounding` (default: the smaller precision the two columns
   * declare, else 7).
   */
  readonly precision?: number
  /**
   * Numbers: fraction digits compared (default: the larger scale the two columns declare, else 10).
   */
  readonly scale?: number
  /**
   * How `precision` and `scale` drop digits: `round` half away from zero, as both engines do when a value is stored
   * into a column of fewer digits (the default), or `truncate`.
   */
  readonly rounding?: Rounding
  /** Text: trailing spaces are not part of the value (default false). */
  readonly trimTrailingSpaces?: boolean
  /** Text: ASCII letters A–Z equal a–z (default false). */
  readonly ignoreCase?: boolean
}

/** How digits beyond a compared precision or scale are dropped. */
export type Rounding = 'round' | 'truncate'

/** One column compared across the sides, under a logical name used by assertions. */
export interface ColumnMapping {
  readonly name: string
  readonly source: string
  readonly target: string
  /** Declared type family; needed only for columns of a `query` whose type the engine cannot report. */
  readonly type?: DeclaredType
  /** Normalisation for checksums; absent when the column is compared exactly. */
  readonly canonical?: CanonicalOptions
}

/** Allowed difference; a difference within either bound passes. Both unset means exact. */
export interface Tolerance {
  readonly absolute?: number
  readonly percent?: number
}

/** Row counts of both sides, optionally per group. */
export interface RowCountAssertion {
  readonly kind: 'row_count'
  /** Stable name of the assertion within its check, used in results and history. */
  readonly key: string
  readonly tolerance: Tolerance
  readonly groupBy: readonly ColumnMapping[]
  /** How many differing groups a result lists (default 20); the total is always counted. */
  readonly maxGroupsReported: number
}

/** Aggregate functions of one column. */
export type AggregateFunction = 'sum' | 'min' | 'max' | 'null_count' | 'distinct_count'

/** Aggregates of one mapped column; each function gives its own result. */
export interface AggregateAssertion {
  readonly kind: 'aggregate'
  readonly key: string
  readonly column: ColumnMapping
  readonly functions: readonly AggregateFunction[]
  readonly tolerance: Tolerance
  /**
   * Whether the column's values may identify a person, as the definition's `values_sensitive` says; undefined when
   * it says nothing, and then the column's type decides at plan time whether `min`/`max` may show a value (numbers
   * and timestamps may, text and dates may not). `false` lets `min`/`max` show any column's extremes.
   */
  readonly valuesSensitive?: boolean
}

/** How recent the newest row is: against the run time and/or against the source. */
export interface FreshnessAssertion {
  readonly kind: 'freshness'
  readonly key: string
  readonly column: ColumnMapping
  /** Newest target row may be at most this old, in ms, at run time or at the cutoff (`maxAgeFrom`). */
  readonly maxAgeMs?: number
  /** What `maxAgeMs` is measured from: the run's clock (default) or the load's cutoff. */
  readonly maxAgeFrom: 'run_time' | 'cutoff'
  /** Newest target row may be at most this far behind the newest source row, in ms. */
  readonly maxLagMs?: number
}

/**
 * Every value of every row, compared through a row hash summed inside each database (one scan per side); on a
 * difference the differing rows are located by key segments and reported as missing, extra or changed.
 */
export interface ChecksumAssertion {
  readonly kind: 'checksum'
  readonly key: string
  /** The mapped columns hashed, in order (default: every mapped column). */
  readonly columns: readonly ColumnMapping[]
  /** Whether a difference is located row by row (needs the definition's `key`; default true). */
  readonly locate: boolean
  /**
   * Only a key segment whose rows on both sides together are at most this many is fetched as keys and hashes
   * (default 64); it may be split once more when that fetches fewer rows.
   */
  readonly segmentRows: number
  /**
   * Most rows fetched into this process to locate differences per check, both sides together: count-and-checksum
   * rows of buckets and key+hash rows alike (default 200,000).
   */
  readonly maxRowsFetched: number
  /** Wall-clock budget of locating, in ms (default 10 minutes, 1 s to 2 h). */
  readonly maxLocateMs: number
  /** How many sample keys a result lists (default 20); the totals per category are always counted. */
  readonly maxKeysReported: number
}

/** Any assertion a definition can hold. */
export type Assertion = RowCountAssertion | AggregateAssertion | FreshnessAssertion | ChecksumAssertion

/**
 * The load's snapshot time: a query on one side returns it, and rows whose column is later are left out,
 * so that the live source's changes after the load raise no alarm. It is always a bound parameter.
 */
export interface CutoffRule {
  readonly from: Side
  readonly query: string
  readonly sourceColumn?: string
  readonly targetColumn?: string
}

/**
 * Source rows changed after the cutoff, which the copy cannot hold yet. `keys`: the keys of source rows whose
 * `sourceColumn` is later than the cutoff are read first (at most `maxKeys`, else the check is an error) and left
 * out on both sides of every assertion. `as_of`: the source is read as it was at the cutoff (SQL Server
 * system-versioned temporal tables).
 */
export type LateChangeRule =
  | { readonly method: 'keys'; readonly sourceColumn: string; readonly maxKeys: number }
  | { readonly method: 'as_of' }

/** A validated check definition: only the loader produces one. */
export interface CheckDefinition {
  /** The file it was loaded from, relative to the working directory when possible. */
  readonly file: string
  readonly id: string
  readonly title: string
  readonly description: string
  readonly owner: string
  readonly severity: 'low' | 'medium' | 'high' | 'critical'
  readonly source: Dataset
  readonly target: Dataset
  readonly columns: readonly ColumnMapping[]
  readonly key: readonly ColumnMapping[]
  /**
   * Whether key values identify people or their records (default true): then keys appear in results only masked
   * with a keyed hash, never in clear.
   */
  readonly keySensitive: boolean
  readonly cutoff?: CutoffRule
  /** How source rows changed after the cutoff are left out; absent: they are not. */
  readonly lateChanges?: LateChangeRule
  /** Who hears about this check's incidents besides the configured alert recipients. */
  readonly notify: {
    /** The vendor is responsible for this transfer: an incident also opens a ticket to the vendor address. */
    readonly vendor: boolean
    /** Extra alert recipients for this check. */
    readonly recipients: readonly string[]
  }
  readonly assertions: readonly Assertion[]
  /** SHA-256 (hex) of the normalized definition: changes exactly when its meaning changes. */
  readonly hash: string
}
