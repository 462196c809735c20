import { textOf } from '../plan/check-kind.js'
import type { Connection } from '../connections/connection.js'
import type { ColumnInfo, Statement } from '../dialects/dialect.js'
import type { CheckDefinition } from '../definitions/types.js'
import { ReconcileError } from '../errors/errors.js'
import { toUtcText } from '../util/time-zone.js'
import { cutoffForColumn, type LateExclusion, planSide } from '../plan/side-plan.js'
import type { LateChangesSummary } from '../results/types.js'

/** What a check leaves out as late changes: the exclusion both sides' plans apply, and what results report. */
export interface ResolvedLateChanges {
  readonly exclusion: LateExclusion
  readonly summary: LateChangesSummary
}

/** The placeholder results and logs show instead of a key list: the count, never a key. */
export function keyListDisplay(count: number): string {
  return `<${count.toLocaleString('en-US')} late-change keys>`
}

/**
 * The statement that reads the keys of source rows changed after the cutoff (the definition's filter applies,
 * the cutoff's own filter does not): each key column as canonical text, at most `maxKeys + 1` rows so that a
 * list above the maximum is recognised without reading it whole.
 */
export function lateKeysStatement(
  definition: CheckDefinition,
  connection: Connection,
  columns: ReadonlyMap<string, ColumnInfo>,
  cutoff: string,
  timezone: string,
): Statement {
  const rule = definition.lateChanges
  if (rule?.method !== 'keys') throw new RangeError('late changes are not read by key')
  const plan = planSide(definition, 'source', connection, columns, null, timezone)
  const changed = { name: rule.sourceColumn, source: rule.sourceColumn, target: rule.sourceColumn }
  const family = plan.family(changed)
  if (family !== 'timestamp' && family !== 'timestamptz' && family !== 'date') {
    throw new ReconcileError(
      'PLAN_INVALID',
      `late_changes.source_column "${rule.sourceColumn}" is ${plan.info(changed).dataType}, not a date or timestamp; name the source's change-time column in ${definition.file}`,
    )
  }
  const keys = definition.key.map(
    (k, i) => `${plan.dialect.canonicalText(plan.expr(k), plan.family(k))} AS k${i}`,
  )
  const later: Statement = [
    `${plan.expr(changed)} > `,
    ...plan.dialect.timestampParam({ param: cutoffForColumn(cutoff, family, timezone) }, family),
  ]
  return plan.dialect.limitRows([`SELECT ${keys.join(', ')}\n`, ...plan.fromWhere(later)], rule.maxKeys + 1)
}

/**
 * Resolves how a check leaves out late changes: reads the keys (kept in memory only, passed on as one bound
 * parameter whose recorded form is {@link keyListDisplay}), or sets the as-of time. Throws LATE_CHANGES_LIMIT above
 * `max_keys`, so the check becomes an error rather than a comparison that silently leaves nothing out.
 */
export async function resolveLateChanges(
  definition: CheckDefinition,
  source: Connection,
  columns: ReadonlyMap<string, ColumnInfo>,
  cutoff: string | null,
  timezone: string,
): Promise<ResolvedLateChanges | undefined> {
  const rule = definition.lateChanges
  if (rule === undefined || cutoff === null) return undefined
  if (rule.method === 'as_of') {
    // Period columns are UTC; the parameter is naive UTC text.
    const atUtc = toUtcText(cutoff, timezone).replace(/Z$/, '')
    return { exclusion: { method: 'as_of', atUtc }, summary: { method: 'as_of', rows: null } }
  }
  const { rows } = await source.query<Record<string, unknown>>(
    lateKeysStatement(definition, source, columns, cutoff, timezone),
  )
  if (rows.length > rule.maxKeys) {
    throw new ReconcileError(
      'LATE_CHANGES_LIMIT',
      `more than ${rule.maxKeys.toLocaleString('en-US')} source rows changed after the cutoff, the most late_changes.max_keys allows; nothing was compared. Raise max_keys in ${definition.file}, or run the check closer to the load`,
    )
  }
  const list = rows.map((row) =>
    Object.fromEntries(definition.key.map((_, i) => [`k${i}`, textOf(row[`k${i}`])])),
  )
  return {
    exclusion: {
      method: 'keys',
      list: { param: JSON.stringify(list), display: keyListDisplay(rows.length) },
    },
    summary: { method: 'keys', rows: rows.length },
  }
}
