import type { Assertion } from '../definitions/types.js'
import type { ErrorCode } from '../errors/errors.js'
import type { MessageCode, MessageParamValue } from '../i18n/result-messages.js'

/** `pass`: within tolerance. `fail`: a difference beyond tolerance. `error`: the check could not run. */
export type ResultStatus = 'pass' | 'fail' | 'error'

/** Values observed on one side, as canonical text (counts and sums are exact decimal text). */
export type ObservedValues = Readonly<Record<string, string | null>>

/** How far the target is from the source. */
export interface Difference {
  /** target − source as exact decimal text, or a duration in ms for freshness. */
  readonly absolute: string
  /** |target − source| / |source| × 100, rounded to 4 decimals; null when the source is 0. */
  readonly percent: number | null
}

/** One differing group of a grouped row count; group values are canonical text, never patient data. */
export interface GroupDifference {
  readonly group: Readonly<Record<string, string | null>>
  readonly source: string
  readonly target: string
}

/** Where a row located by a checksum was found wrong. */
export type RowCategory = 'missing' | 'extra' | 'changed' | 'duplicate'

/**
 * What a checksum found, and, when it differed, what locating the rows found. Keys are masked (`#` and 16 hex
 * digits of a keyed hash) unless the definition marks them non-sensitive; no row value is ever recorded.
 */
export interface ChecksumDetails {
  /** The mapped columns hashed, in order. */
  readonly columns: readonly string[]
  /** Whether differing rows were located (false: the sides agree, locating is off, or it failed). */
  readonly located: boolean
  /** Rows on the source with no counterpart on the target. */
  readonly missing?: number
  /** Rows on the target with no counterpart on the source. */
  readonly extra?: number
  /** Keys on both sides whose rows differ in some value. */
  readonly changed?: number
  /** Keys held by more than one row on a side, among the rows fetched. */
  readonly duplicateKeys?: number
  /**
   * Changed rows per checked column, among the located changed pairs: the pairs whose hashes of that column
   * differ (a pair may count in several columns). Column names and counts only, never values.
   */
  readonly columnsDiffering?: ReadonlyArray<{ readonly column: string; readonly rows: number }>
  /** Up to `max_keys_reported` keys, taken in turn from each category: changed, missing, extra, duplicate. */
  readonly samples?: ReadonlyArray<{ readonly category: RowCategory; readonly key: string }>
  /** True when sample keys are masked. */
  readonly keysMasked?: boolean
  /** Whether the masking secret was made up for this process (RECONCILE_KEY_SECRET unset). */
  readonly ephemeralSecret?: boolean
  /** False when a budget ran out before every differing bucket was fetched. */
  readonly complete?: boolean
  /**
   * True when a budget stopped locating: the counts are those found so far (lower bounds), and `unlocated` says
   * how many rows were left unexamined.
   */
  readonly incomplete?: boolean
  /** The budget that stopped locating: `rows` (max_rows_fetched) or `time` (max_locate_time). */
  readonly stoppedBy?: 'rows' | 'time'
  /** Locate queries (each one scan at most) per side. */
  readonly scans?: { readonly source: number; readonly target: number }
  /** Differing segments not fetched, and their rows per side. */
  readonly unlocated?: { readonly segments: number; readonly sourceRows: number; readonly targetRows: number }
  /**
   * How rows were grouped to locate them: `buckets` of the key. Older results may say `integer` (key ranges, a
   * strategy since dropped: docs/checksum.md, "Why buckets, and not key ranges") or `sampled`.
   */
  readonly strategy?: 'buckets' | 'integer' | 'sampled'
  /**
   * Why the strategy ran, in results of versions that chose between key ranges and buckets per table; no longer
   * written.
   */
  readonly strategyReason?:
    'key_indexed' | 'uncuttable' | 'no_index' | 'not_integer_key' | 'not_table' | 'budget'
  /**
   * With `buckets`: `integer_key` (integer arithmetic on a key whose columns are all integers) or `key_md5`;
   * absent in older results.
   */
  readonly bucketing?: 'integer_key' | 'key_md5'
  /** Locate queries sent, both sides together. */
  readonly queries?: number
  /** Aggregate rows (one per segment and side) fetched into this process. */
  readonly segmentRowsFetched?: number
  /** Key+hash rows fetched into this process. */
  readonly keyRowsFetched?: number
  readonly segmentsCompared?: number
  /** Wall-clock time of locating, in ms. */
  readonly durationMs?: number
  /** Why rows were not located, when they were not. */
  readonly note?: string
}

/**
 * What a check left out as the source's late changes (rows changed after the cutoff): `keys`, the number of
 * source keys left out on both sides; `as_of`, the source read as of the cutoff (`rows` unknown, null).
 */
export interface LateChangesSummary {
  readonly method: 'keys' | 'as_of'
  readonly rows: number | null
}

/** One assertion's outcome in one run. */
export interface CheckResult {
  readonly runId: string
  /** Definition id. */
  readonly check: string
  /** Assertion key within the check, e.g. `row_count`, `sum(fee)`, `freshness(changed_at)`. */
  readonly assertion: string
  /** The assertion's kind: a kind of the registry (src/check-kinds/index.ts). */
  readonly kind: Assertion['kind']
  readonly status: ResultStatus
  readonly source: ObservedValues | null
  readonly target: ObservedValues | null
  readonly difference: Difference | null
  /** One line a person can read, in English: what was compared and what was found (`--json`, old readers). */
  readonly message: string
  /**
   * What `message` says, as a code rendered in the reader's language by `resultText` (src/i18n/result-messages.ts);
   * every check kind sets one; absent or null for results made elsewhere (the load wait) or before codes existed.
   */
  readonly messageCode?: MessageCode | null
  /** The code's parameters: counts, sums, column names, durations in ms; never a row value. */
  readonly messageParams?: Readonly<Record<string, MessageParamValue>> | null
  /** Kind-specific detail, e.g. differing groups, or the rows a checksum located. */
  readonly details: {
    readonly groups?: readonly GroupDifference[]
    readonly groupsDiffering?: number
    /**
     * A row count's rows missing in the target (decimal text): per group, source minus target where the target
     * has fewer, summed over every group (so an excess in one group never hides a shortfall in another).
     */
    readonly rowsMissing?: string
    /** A row count's rows extra in the target (decimal text), summed the same way. */
    readonly rowsExtra?: string
    readonly checksum?: ChecksumDetails
  } | null
  /** The cutoff used (canonical timestamp text), or null when the definition has none. */
  readonly cutoff: string | null
  /** What was left out as late changes, or null when the definition leaves nothing out (or it could not run). */
  readonly lateChanges: LateChangesSummary | null
  /** The exact SQL run on each side, as the server received it. */
  readonly sql: { readonly source: string | null; readonly target: string | null }
  /** Bound parameters of that SQL (the cutoff). */
  readonly parameters: { readonly source: readonly unknown[]; readonly target: readonly unknown[] }
  /** Wall-clock time of each side's query, in ms. */
  readonly durationsMs: { readonly source: number | null; readonly target: number | null }
  /** Hash of the definition this result was produced with. */
  readonly definitionHash: string
  /** Why the check could not run, for `error` results. */
  readonly error: { readonly code: ErrorCode; readonly message: string } | null
  /** When the assertion was evaluated (ISO 8601 UTC). */
  readonly evaluatedAt: string
}

/** Everything one run produced. */
export interface RunOutcome {
  readonly runId: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly results: readonly CheckResult[]
  /** Whether the results reached the store; when false they are in the spool file named. */
  readonly stored: boolean
  readonly spoolFile?: string
  /** Spooled runs from earlier failures loaded into the store by this run. */
  readonly recoveredRuns: number
}
