/**
 * Locating the rows behind a checksum difference without moving the tables (docs/checksum.md, "Locating"):
 * the key range is split into segments, each side reports count and checksum per segment in one grouped query,
 * segments that agree are dropped, and the others are split again until they are small enough to fetch as
 * (canonical key, row hash) pairs, never values. The algorithm only composes dialect pieces; it never knows an
 * engine. Every query goes through the side's Connection, so its concurrency limit and timeout apply.
 */
import type { Side } from '../definitions/types.js'
import {
  type LocateSide,
  type LocateSettings,
  type KeyHashes,
  type LocateOutcome,
  type Stats,
  type Segment,
  totalRows,
  Counter,
  fetchKeys,
  type Sides,
} from './segments.js'
import { integerKey, integerSegments } from './integer-segments.js'
import { sampledSegments } from './sampled-segments.js'

/** The types callers of locateDifferences need. */
export type { KeyHashes, LocateKey, LocateOutcome, LocateSettings, LocateSide, Stats } from './segments.js'

/**
 * Finds the keys of the rows that differ between the sides whose whole-dataset count and checksum differ.
 * Returns the (key, row hashes) of every row in the differing leaf segments of both sides, within the row
 * budget; classifying them is {@link classifyKeys}'s job.
 */
export async function locateDifferences(
  source: LocateSide,
  target: LocateSide,
  settings: LocateSettings,
  whole: { source: Stats; target: Stats },
): Promise<LocateOutcome> {
  const sides: Sides = { source, target }
  const counter = new Counter()
  const top: Segment = { range: {}, source: whole.source, target: whole.target }
  let strategy: LocateOutcome['strategy'] = 'sampled'
  let leaves: Segment[] | undefined
  if (integerKey(sides)) {
    leaves = await integerSegments(sides, settings, counter)
    if (leaves !== undefined) strategy = 'integer'
  }
  leaves ??= await sampledSegments(sides, settings, counter, top)

  // Fetch leaves in order until the budget is spent; the rest stay unlocated.
  let budget = settings.maxRowsFetched
  const fetched: Segment[] = []
  const unlocated = { segments: 0, sourceRows: 0, targetRows: 0 }
  for (const leaf of leaves) {
    if (totalRows(leaf) <= budget) {
      fetched.push(leaf)
      budget -= totalRows(leaf)
    } else {
      unlocated.segments += 1
      unlocated.sourceRows += Number(leaf.source.rows)
      unlocated.targetRows += Number(leaf.target.rows)
    }
  }
  const keys = { source: new Map() as KeyHashes, target: new Map() as KeyHashes }
  const limit = settings.maxRowsFetched
  await Promise.all(
    (['source', 'target'] as const satisfies readonly Side[]).map((which) => {
      const ranges = fetched.filter((l) => l[which].rows > 0n).map((l) => l.range)
      return ranges.length === 0 ? undefined : fetchKeys(sides[which], ranges, limit, counter, keys[which])
    }),
  )
  return {
    ...keys,
    strategy,
    complete: unlocated.segments === 0,
    unlocated,
    queries: counter.queries,
    segmentRowsFetched: counter.segmentRows,
    keyRowsFetched: counter.keyRows,
    segmentsCompared: counter.segmentsCompared,
    levels: counter.levels,
  }
}

/** Rows per category found among fetched keys, with the keys (canonical text, never shown unmasked). */
export interface Classification {
  /** Rows on the source with no row of the same key and hash on the target, and no changed counterpart. */
  readonly missing: number
  /** Rows on the target with no counterpart on the source. */
  readonly extra: number
  /** Keys present on both sides whose row hashes differ: one per pair of differing rows. */
  readonly changed: number
  /** Keys held by more than one row on a side, among the fetched rows. */
  readonly duplicateKeys: number
  /** Keys per category, in a stable order (sorted by canonical key text). */
  readonly keys: {
    readonly missing: readonly string[]
    readonly extra: readonly string[]
    readonly changed: readonly string[]
    readonly duplicate: readonly string[]
  }
}

/**
 * Sorts fetched rows into missing in the target, extra in the target and changed, by key: rows of one key with
 * equal hashes on both sides cancel out; what remains pairs up as changed, and the surplus is missing or extra.
 */
export function classifyKeys(source: KeyHashes, target: KeyHashes): Classification {
  const keys = {
    missing: [] as string[],
    extra: [] as string[],
    changed: [] as string[],
    duplicate: [] as string[],
  }
  let missing = 0
  let extra = 0
  let changed = 0
  for (const key of [...new Set([...source.keys(), ...target.keys()])].sort()) {
    const s = [...(source.get(key) ?? [])]
    const t = [...(target.get(key) ?? [])]
    if (s.length > 1 || t.length > 1) keys.duplicate.push(key)
    for (let i = s.length - 1; i >= 0; i--) {
      const j = t.indexOf(s[i] ?? '')
      if (j >= 0) {
        t.splice(j, 1)
        s.splice(i, 1)
      }
    }
    const pairs = Math.min(s.length, t.length)
    if (pairs > 0) keys.changed.push(key)
    if (s.length > pairs) keys.missing.push(key)
    if (t.length > pairs) keys.extra.push(key)
    changed += pairs
    missing += s.length - pairs
    extra += t.length - pairs
  }
  return { missing, extra, changed, duplicateKeys: keys.duplicate.length, keys }
}
