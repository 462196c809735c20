import type { ConnectionSet } from '../connections/connection.js'
import type { CheckDefinition } from '../definitions/types.js'
import { ReconcileError } from '../errors/errors.js'
import { normalizeTimestampText } from '../results/canonical.js'
import { isTemporal } from '../plan/side-plan.js'

/** The cutoff of one check and the query that produced it. */
export interface ResolvedCutoff {
  /** Canonical timestamp text: naive local (`2026-11-23T03:10:00`) or UTC (`…Z`). */
  readonly value: string
  readonly sql: string
  readonly durationMs: number
}

/**
 * Runs the definition's cutoff query on its side and returns the load's snapshot time as canonical text.
 * The query's single column is described first, so that a `date`, `datetime2` or `datetimeoffset` each come back
 * in their canonical form; several rows are reduced with MAX.
 */
export async function resolveCutoff(
  definition: CheckDefinition,
  connections: ConnectionSet,
): Promise<ResolvedCutoff | null> {
  const rule = definition.cutoff
  if (rule === undefined) return null
  const connection = connections.get(definition[rule.from].connection)
  const dialect = connection.dialect
  // The query's one column is renamed, whatever the query calls it.
  const aliased = dialect.derivedTable(rule.query, 'c', ['cutoff'])
  const described = await connection.query<{ column_name: string; data_type: string }>(
    dialect.describeQuery(`SELECT c.cutoff FROM ${aliased}`, ['cutoff']),
  )
  const dataType = described.rows[0]?.data_type ?? 'unknown'
  const family = dialect.familyOf(dataType)
  if (!isTemporal(family)) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `the cutoff query of ${definition.id} returns ${dataType}; it must return one date or timestamp column`,
    )
  }
  const result = await connection.query<{ cutoff: string | null }>([
    `SELECT ${dialect.canonicalText('MAX(c.cutoff)', family)} AS cutoff FROM ${aliased}`,
  ])
  const value = result.rows[0]?.cutoff ?? null
  if (value === null) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `the cutoff query of ${definition.id} on "${connection.config.name}" returned no timestamp: has the load finished at least once?`,
    )
  }
  return { value: normalizeTimestampText(value), sql: result.sql, durationMs: result.durationMs }
}
