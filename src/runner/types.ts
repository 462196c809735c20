import type { ErrorCode } from '../errors/errors.js'

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

/** One assertion's outcome in one run. */
export interface CheckResult {
  readonly runId: string
  /** Definition id. */
  readonly check: string
  /** Assertion key within the check, e.g. `row_count`, `sum(fee)`, `freshness(changed_at)`. */
  readonly assertion: string
  readonly kind: 'row_count' | 'aggregate' | 'freshness'
  readonly status: ResultStatus
  readonly source: ObservedValues | null
  readonly target: ObservedValues | null
  readonly difference: Difference | null
  /** One line a person can read: what was compared and what was found. */
  readonly message: string
  /** Kind-specific detail, e.g. differing groups. */
  readonly details: { readonly groups?: readonly GroupDifference[]; readonly groupsDiffering?: number } | null
  /** The cutoff used (canonical timestamp text), or null when the definition has none. */
  readonly cutoff: string | null
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
