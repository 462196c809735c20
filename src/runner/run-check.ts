import { kindOf } from '../check-kinds/index.js'
import { ROW_COUNT_ALIAS } from '../check-kinds/row-count/kind.js'
import type { EvaluationContext, PlanPair, Row, SideObservation, Verdict } from '../plan/check-kind.js'
import { resultMessage } from '../i18n/result-messages.js'
import { KeyMasker } from '../results/key-mask.js'
import { type ConnectionSet, type QueryOutcome, QueryError } from '../connections/connection.js'
import type { Statement } from '../dialects/dialect.js'
import type { Assertion, CheckDefinition, Side } from '../definitions/types.js'
import { describeError, type ErrorCode, ReconcileError } from '../errors/errors.js'
import { settleAll } from '../util/settle.js'
import { resolveCutoff } from './cutoff.js'
import { planSide, resolveColumns, type SidePlan } from '../plan/side-plan.js'
import { resolveLateChanges } from './late-changes.js'
import type { CheckResult, LateChangesSummary } from '../results/types.js'

/** What the runner needs besides the definition. */
export interface CheckContext {
  readonly runId: string
  readonly connections: ConnectionSet
  readonly timezone: string
  /** The clock; injected so tests control "now". */
  readonly now: () => Date
  /** Masks row keys in results; default: {@link KeyMasker.fromEnvironment} (RECONCILE_KEY_SECRET). */
  readonly keyMasker?: () => KeyMasker
}

/** Every result key of a definition, in order: what a run reports even when the check cannot run. */
export function resultKeys(definition: CheckDefinition): Array<{ assertion: Assertion; key: string }> {
  return definition.assertions.flatMap((assertion) =>
    kindOf(assertion)
      .resultKeys(assertion)
      .map((key) => ({ assertion, key })),
  )
}

function profileStatement(definition: CheckDefinition, plan: SidePlan, pair: PlanPair): Statement {
  const items = [`${plan.dialect.countRows()} AS ${ROW_COUNT_ALIAS}`]
  definition.assertions.forEach((assertion, i) => {
    const place = { file: definition.file, field: `assertions[${i}]` }
    for (const item of kindOf(assertion).profileItems(assertion, `a${i}`, plan, pair, place))
      items.push(`${item.expr} AS ${item.alias}`)
  })
  return [`SELECT ${items.join(',\n       ')}\n`, ...plan.from]
}

/** A check ready to run: its cutoff, both sides' plans, and every statement it will send. */
export interface PreparedCheck {
  readonly cutoff: string | null
  /** What is left out as late changes, or null. */
  readonly lateChanges: LateChangesSummary | null
  readonly source: PreparedSide
  readonly target: PreparedSide
}

/** One side's plan and statements: the profile scan, and each assertion's own query by assertion index. */
export interface PreparedSide {
  readonly plan: SidePlan
  readonly profile: Statement
  readonly own: ReadonlyMap<number, Statement>
}

function prepareSide(definition: CheckDefinition, plan: SidePlan, pair: PlanPair): PreparedSide {
  const own = new Map<number, Statement>()
  definition.assertions.forEach((assertion, i) => {
    const statement = kindOf(assertion).ownQuery?.(assertion, plan, pair)
    if (statement !== undefined) own.set(i, statement)
  })
  return { plan, profile: profileStatement(definition, plan, pair), own }
}

/**
 * Prepares a check without scanning any data: runs the cutoff query, checks that every column exists on both
 * sides with a type its assertions accept, and builds the statements. Throws what is wrong.
 */
export async function prepareCheck(
  definition: CheckDefinition,
  context: CheckContext,
): Promise<PreparedCheck> {
  const cutoff = (await resolveCutoff(definition, context.connections))?.value ?? null
  const connection = (side: Side) => context.connections.get(definition[side].connection)
  const [sourceColumns, targetColumns] = await settleAll([
    resolveColumns(definition, 'source', connection('source')),
    resolveColumns(definition, 'target', connection('target')),
  ])
  const late = await resolveLateChanges(
    definition,
    connection('source'),
    sourceColumns,
    cutoff,
    context.timezone,
  )
  const plan = (side: Side, columns: typeof sourceColumns) =>
    planSide(definition, side, connection(side), columns, cutoff, context.timezone, late?.exclusion)
  const pair: PlanPair = { source: plan('source', sourceColumns), target: plan('target', targetColumns) }
  return {
    cutoff,
    lateChanges: late?.summary ?? null,
    source: prepareSide(definition, pair.source, pair),
    target: prepareSide(definition, pair.target, pair),
  }
}

interface SideRun {
  readonly plan: SidePlan
  readonly profile: QueryOutcome<Row>
  readonly own: ReadonlyMap<number, QueryOutcome<Row>>
}

async function runSide(side: PreparedSide): Promise<SideRun> {
  const own = new Map<number, QueryOutcome<Row>>()
  const [profile] = await settleAll([
    side.plan.connection.query<Row>(side.profile),
    ...[...side.own].map(async ([i, statement]) =>
      own.set(i, await side.plan.connection.query<Row>(statement)),
    ),
  ])
  return { plan: side.plan, profile, own }
}

function errorInfo(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof ReconcileError) return { code: error.code, message: error.message }
  return { code: 'QUERY_FAILED', message: describeError(error) }
}

/** Runs a kind's follow-up phase (e.g. locating rows) on a failed verdict; a follow-up that throws changes nothing. */
async function followUp(
  assertion: Assertion,
  prefix: string,
  verdict: Verdict,
  evaluation: EvaluationContext,
  definition: CheckDefinition,
  context: CheckContext,
): Promise<Verdict> {
  const kind = kindOf(assertion)
  if (kind.followUp === undefined || verdict.status !== 'fail') return verdict
  try {
    return await kind.followUp(assertion, prefix, verdict, {
      ...evaluation,
      definition,
      keyMasker: context.keyMasker ?? (() => KeyMasker.fromEnvironment()),
      clock: () => context.now().getTime(),
    })
  } catch (error: unknown) {
    return { ...verdict, message: `${verdict.message}; follow-up failed: ${errorInfo(error).message}` }
  }
}

/**
 * Runs one check: prepares it, runs one profile scan per side (plus each grouped count) concurrently, evaluates
 * every assertion, and runs the follow-up phase (locating rows) of each failed assertion whose kind has one.
 * Never throws: a check that cannot run gives an `error` result for each of its assertions, with the cause and
 * whatever SQL was attempted.
 */
export async function runCheck(definition: CheckDefinition, context: CheckContext): Promise<CheckResult[]> {
  let cutoff: string | null = null
  let lateChanges: LateChangesSummary | null = null
  const blank = { runId: context.runId, check: definition.id, definitionHash: definition.hash }
  try {
    const prepared = await prepareCheck(definition, context)
    cutoff = prepared.cutoff
    lateChanges = prepared.lateChanges
    const [source, target] = await settleAll([runSide(prepared.source), runSide(prepared.target)])
    const now = context.now()
    const observation = (run: SideRun, i: number): SideObservation => ({
      plan: run.plan,
      profile: run.profile.rows[0] ?? {},
      extra: run.own.get(i)?.rows,
    })
    const perAssertion = definition.assertions.map(async (assertion, i): Promise<CheckResult[]> => {
      const kind = kindOf(assertion)
      const query = (run: SideRun) => run.own.get(i) ?? run.profile
      const evaluation: EvaluationContext = {
        source: observation(source, i),
        target: observation(target, i),
        now,
        cutoff,
        timezone: context.timezone,
      }
      const common = {
        ...blank,
        kind: assertion.kind,
        cutoff,
        lateChanges,
        sql: { source: query(source).sql, target: query(target).sql },
        parameters: { source: query(source).parameters, target: query(target).parameters },
        durationsMs: { source: query(source).durationMs, target: query(target).durationMs },
        evaluatedAt: now.toISOString(),
      }
      let verdicts: Verdict[]
      try {
        verdicts = kind.evaluate(assertion, `a${i}`, evaluation)
      } catch (error: unknown) {
        return kind
          .resultKeys(assertion)
          .map((key) => ({ ...common, ...errorVerdict(key, error), error: errorInfo(error) }))
      }
      const followed = await Promise.all(
        verdicts.map((v) => followUp(assertion, `a${i}`, v, evaluation, definition, context)),
      )
      return followed.map((v) => ({ ...common, ...v, error: null }))
    })
    return (await Promise.all(perAssertion)).flat()
  } catch (error: unknown) {
    const attempted = error instanceof QueryError ? error : undefined
    const side = attempted === undefined ? undefined : sideOf(definition, attempted)
    const on = <T>(which: Side, value: T, otherwise: T): T => (side === which ? value : otherwise)
    return resultKeys(definition).map(({ assertion, key }) => ({
      ...blank,
      kind: assertion.kind,
      ...errorVerdict(key, error),
      cutoff,
      lateChanges,
      sql: {
        source: on('source', attempted?.sql ?? null, null),
        target: on('target', attempted?.sql ?? null, null),
      },
      parameters: {
        source: on('source', attempted?.parameters ?? [], []),
        target: on('target', attempted?.parameters ?? [], []),
      },
      durationsMs: {
        source: on('source', attempted?.durationMs ?? null, null),
        target: on('target', attempted?.durationMs ?? null, null),
      },
      error: errorInfo(error),
      evaluatedAt: context.now().toISOString(),
    }))
  }
}

function errorVerdict(key: string, error: unknown): Verdict {
  return {
    assertion: key,
    status: 'error',
    source: null,
    target: null,
    difference: null,
    ...resultMessage('check.could_not_run', { errorCode: errorInfo(error).code }),
    message: `could not run: ${errorInfo(error).message}`,
    details: null,
  }
}

/** Which side a failed query belongs to (the source when both sides share a connection). */
function sideOf(definition: CheckDefinition, error: QueryError): Side | undefined {
  if (error.connection === definition.source.connection) return 'source'
  if (error.connection === definition.target.connection) return 'target'
  return undefined
}
