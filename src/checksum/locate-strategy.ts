/**
 * Choosing how to locate, per table (docs/checksum.md, "Choosing ranges or buckets"): key ranges read only the
 * rows of the differing ranges, which is cheap when an ordered index leads with the key and costs a full scan per
 * query when none does; buckets cost the same few scans either way. So ranges are chosen only when the key is one
 * integer column and the catalog shows such an index on both sides; buckets otherwise. Differences spread over
 * much of the table are then read by range number in full scans instead (key-ranges.ts, `WIDE_SHARE`).
 */
import type { CheckDefinition } from '../definitions/types.js'
import type { PlanPair } from '../plan/check-kind.js'
import { textOf } from '../plan/check-kind.js'
import { integerKey } from './key-ranges.js'
import type { Budget, Counter, LocateSide, Sides } from './locate-queries.js'

/** A side's table and its key columns as the catalog spells them, when the side reads a table directly. */
export interface KeyTable {
  readonly schema: string
  readonly name: string
  readonly keyColumns: readonly string[]
}

/** The tables whose catalog can say whether an index leads with the key; absent for a side that is not one. */
export interface KeyTables {
  readonly source?: KeyTable
  readonly target?: KeyTable
}

/**
 * Why locating used the strategy it did: `key_indexed` (ranges: an index leads with the integer key on both
 * sides), `uncuttable` (buckets: every key is NULL, or the key span is 2^62 or more),
 * `no_index` (a side has no index leading with the key), `not_integer_key`, `not_table` (a side is a query, or
 * the source is read as of the cutoff from its history), `budget` (the time budget was spent before the catalog
 * was asked: nothing more was sent).
 */
export type StrategyReason =
  'key_indexed' | 'uncuttable' | 'no_index' | 'not_integer_key' | 'not_table' | 'budget'

/**
 * The tables of a check's two sides for the index question: a side defined by a `query`, and a source read
 * `as of` the cutoff (its history table has indexes of its own), have none.
 */
export function keyTables(definition: CheckDefinition, pair: PlanPair): KeyTables {
  const of = (side: 'source' | 'target'): KeyTable | undefined => {
    const table = definition[side].table
    if (table === undefined) return undefined
    if (side === 'source' && definition.lateChanges?.method === 'as_of') return undefined
    return { ...table, keyColumns: definition.key.map((k) => pair[side].info(k).name) }
  }
  const source = of('source')
  const target = of('target')
  return { ...(source === undefined ? {} : { source }), ...(target === undefined ? {} : { target }) }
}

/** Asks one side's catalog, through its connection (read-only, with its timeout), whether the key is indexed. */
async function indexed(side: LocateSide, table: KeyTable, counter: Counter): Promise<boolean> {
  counter.queries += 1
  const { rows } = await side.plan.connection.query<Record<string, unknown>>(
    side.plan.dialect.keyIndexed(table.schema, table.name, table.keyColumns),
  )
  return Number(textOf(rows[0]?.indexed) ?? '0') > 0
}

/**
 * Ranges or buckets for this check, and why. A login that may not see the table's metadata sees no index (the
 * catalog views show only what it has rights on), so it gets buckets.
 */
export async function chooseStrategy(
  sides: Sides,
  tables: KeyTables,
  counter: Counter,
  budget: Budget,
): Promise<{ strategy: 'integer' | 'buckets'; reason: StrategyReason }> {
  if (!integerKey(sides)) return { strategy: 'buckets', reason: 'not_integer_key' }
  if (tables.source === undefined || tables.target === undefined)
    return { strategy: 'buckets', reason: 'not_table' }
  const { source, target } = tables
  if (!budget.allows(0)) return { strategy: 'buckets', reason: 'budget' }
  const both = await Promise.all([
    indexed(sides.source, source, counter),
    indexed(sides.target, target, counter),
  ])
  return both.every(Boolean)
    ? { strategy: 'integer', reason: 'key_indexed' }
    : { strategy: 'buckets', reason: 'no_index' }
}
