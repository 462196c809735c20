/**
 * Locating the rows behind a checksum difference without moving the tables (docs/checksum.md, "Locating"):
 * rows are put into buckets by their key (integer arithmetic when every key column is an integer, else the MD5 of
 * the canonical key text: hash-buckets.ts), each side reports count and checksum per bucket in one
 * grouped query per level, buckets that agree are dropped, and the others are split again until they are small
 * enough to fetch as (canonical key, row hash, column hashes), never values. The algorithm only composes
 * dialect pieces; it never knows an engine. Every query goes through the side's Connection, so its concurrency
 * limit and timeout apply, and the row and time budgets hold across all of it.
 */
import {
  Budget,
  Counter,
  type KeyHashes,
  type LocateOutcome,
  type LocateSettings,
  type LocateSide,
  type Stats,
} from './locate-queries.js'
import { bucketingOf, fetchBuckets, hashBuckets } from './hash-buckets.js'

/** The types callers of locateDifferences need. */
export type {
  FetchedRow,
  KeyHashes,
  LocateKey,
  LocateOutcome,
  LocateSettings,
  LocateSide,
  Stats,
} from './locate-queries.js'

/**
 * Finds the keys of the rows that differ between the sides whose whole-dataset count and checksum differ.
 * Returns the fetched rows of every differing leaf bucket of both sides, within the budgets; classifying them is
 * {@link classifyKeys}'s job. What a budget left unfetched is counted in `unlocated`.
 */
export async function locateDifferences(
  source: LocateSide,
  target: LocateSide,
  settings: LocateSettings,
  whole: { source: Stats; target: Stats },
): Promise<LocateOutcome> {
  const sides = { source, target }
  const counter = new Counter()
  const budget = new Budget(settings, counter)
  const keys = { source: new Map() as KeyHashes, target: new Map() as KeyHashes }
  const bucketing = bucketingOf(sides)
  const { leaves, unsplit } = await hashBuckets(sides, settings, counter, budget, whole, bucketing)
  const left = [...unsplit, ...(await fetchBuckets(sides, leaves, counter, budget, keys, bucketing))]
  const unlocated = {
    segments: left.length,
    sourceRows: left.reduce((n, b) => n + Number(b.source.rows), 0),
    targetRows: left.reduce((n, b) => n + Number(b.target.rows), 0),
  }
  return {
    ...keys,
    strategy: 'buckets',
    bucketing,
    complete: left.length === 0,
    ...(budget.stoppedBy === undefined || left.length === 0 ? {} : { stoppedBy: budget.stoppedBy }),
    unlocated,
    scans: { ...counter.scans },
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
  /**
   * Per checked column (by position), how many changed pairs differ in it: their column hashes differ. A pair
   * may differ in several columns.
   */
  readonly columnsDiffering: readonly number[]
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
  const columnsDiffering: number[] = []
  for (const key of [...new Set([...source.keys(), ...target.keys()])].sort()) {
    const s = [...(source.get(key) ?? [])]
    const t = [...(target.get(key) ?? [])]
    if (s.length > 1 || t.length > 1) keys.duplicate.push(key)
    for (let i = s.length - 1; i >= 0; i--) {
      const j = t.findIndex((row) => row.hash === s[i]?.hash)
      if (j >= 0) {
        t.splice(j, 1)
        s.splice(i, 1)
      }
    }
    const pairs = Math.min(s.length, t.length)
    for (let p = 0; p < pairs; p++) {
      const before = s[p]?.columns ?? []
      const after = t[p]?.columns ?? []
      before.forEach((hash, c) => {
        if (hash !== after[c]) columnsDiffering[c] = (columnsDiffering[c] ?? 0) + 1
      })
    }
    if (pairs > 0) keys.changed.push(key)
    if (s.length > pairs) keys.missing.push(key)
    if (t.length > pairs) keys.extra.push(key)
    changed += pairs
    missing += s.length - pairs
    extra += t.length - pairs
  }
  return {
    missing,
    extra,
    changed,
    duplicateKeys: keys.duplicate.length,
    columnsDiffering: Array.from(columnsDiffering, (n) => n ?? 0),
    keys,
  }
}
