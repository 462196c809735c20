import type { KeyMasker } from '../results/key-mask.js'
import type { Statement } from '../dialects/dialect.js'
import type { Assertion, CheckDefinition } from '../definitions/types.js'
import type { SidePlan } from './side-plan.js'
import type { AssertionSyntax } from '../definitions/assertion-syntax.js'
import type { Inline } from '../i18n/inline.js'
import type { Language } from '../i18n/language.js'
import type { DescribableResult, DifferenceMeasure, ResultDescription } from '../results/describable.js'
import type { CheckResult } from '../results/types.js'

/** A row as a driver returns it. */
export type Row = Readonly<Record<string, unknown>>

/** What one side returned for a check: the shared one-scan profile row, and the rows of the kind's own query. */
export interface SideObservation {
  readonly plan: SidePlan
  readonly profile: Row
  readonly extra: readonly Row[] | undefined
}

/** Everything an assertion is evaluated against. */
export interface EvaluationContext {
  readonly source: SideObservation
  readonly target: SideObservation
  /** Run time, for freshness. */
  readonly now: Date
  /** The load's cutoff (canonical timestamp text), or null: freshness may be measured from it. */
  readonly cutoff: string | null
  /** Zone of naive timestamps. */
  readonly timezone: string
}

/** Both sides' plans: what a kind that compares the sides' types needs while building one side's SQL. */
export interface PlanPair {
  readonly source: SidePlan
  readonly target: SidePlan
}

/**
 * Where an assertion is written, for plan-time messages that must say what to edit: the definition's file and the
 * assertion's field, e.g. `checks/patients.yaml` and `assertions[2]`.
 */
export interface AssertionPlace {
  readonly file: string
  readonly field: string
}

/** What a follow-up phase may use besides the evaluation: the definition and the key masker. */
export interface FollowUpContext extends EvaluationContext {
  readonly definition: CheckDefinition
  /** The installation's key masker; may throw a configuration error (an unusable secret). */
  keyMasker(): KeyMasker
  /** The run's clock in ms, for time budgets (the injected clock of the run). */
  clock(): number
}

/** An assertion in words, for the control document. */
export interface Explanation {
  /** What is compared and what passes, as running text. */
  readonly text: Inline[]
  /** The threshold in a few words, for the summary table, e.g. `rows: exact`. */
  readonly threshold: string
}

/** What explaining an assertion may use from its definition. */
export interface ExplainContext {
  /** Whether the definition's key values identify a person (shown masked). */
  readonly keySensitive: boolean
  /** The names of every column the definition maps, in its order (a checksum says which of them it leaves out). */
  readonly mappedColumns: readonly string[]
}

/** The parts of a result an assertion decides; the runner adds run id, SQL, timings and hashes. */
export type Verdict = Pick<
  CheckResult,
  'assertion' | 'status' | 'source' | 'target' | 'difference' | 'message' | 'details'
> &
  Required<Pick<CheckResult, 'messageCode' | 'messageParams'>>

/**
 * One kind of assertion. Kinds add expressions to the shared profile query (one scan per side for every
 * non-grouped assertion of a check) and may run one query of their own; they never see an engine's name. A kind
 * also says how it is written in YAML (its `AssertionSyntax`).
 */
export interface CheckKind<A extends Assertion> extends AssertionSyntax<A> {
  /** The result names this assertion produces, e.g. one per aggregate function. */
  resultKeys(assertion: A): string[]
  /**
   * Select-list items for the profile query; aliases start with `prefix` (lower-case, unique per check). Throws
   * PLAN_INVALID when a column's type does not fit the assertion; `place` says where to fix it.
   */
  profileItems(
    assertion: A,
    prefix: string,
    side: SidePlan,
    pair: PlanPair,
    place: AssertionPlace,
  ): Array<{ alias: string; expr: string }>
  /** A statement of the kind's own, or undefined when the profile query suffices. */
  ownQuery?(assertion: A, side: SidePlan, pair: PlanPair): Statement | undefined
  /** Turns the observations into one verdict per result key. */
  evaluate(assertion: A, prefix: string, context: EvaluationContext): Verdict[]
  /**
   * An optional second phase for a verdict that failed, e.g. locating the differing rows. It may query both
   * sides through their connections (so each connection's concurrency limit and timeout hold) and returns the
   * verdict to record. It never throws: what it could not do is written into the verdict.
   */
  followUp?(assertion: A, prefix: string, verdict: Verdict, context: FollowUpContext): Promise<Verdict>
  /** The assertion in words, in a language (the control document's "assertions" and summary table). */
  explain(assertion: A, language: Language, context: ExplainContext): Explanation
  /** What a result's difference measures: readers show it in these units (a lag as a duration) without naming the kind. */
  readonly measures: DifferenceMeasure
  /** What a result of this kind compares, in a manager's plain words (`antal rader`, `amounts`), for the morning report. */
  topic(language: Language): string
  /** A result of this kind (recorded or stored) in words, for mail and pages; `{}` for the generic wording. */
  describe(result: DescribableResult, language: Language): ResultDescription
  /**
   * What an on-call reader should look at first when a result of this kind fails, in a language: one or two
   * concrete sentences (which load, partition or transformation), for the alert. Never a value of the data.
   */
  checkFirst(result: DescribableResult, language: Language): string
}

/** Reads a count or sum column as text, whatever JS type the driver chose (number, bigint or string). */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value)
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}
