/**
 * Locating by ranges of one integer key (docs/checksum.md, "Ranges, when an index leads with the key"): the key
 * span is cut arithmetically into ranges of a power-of-two width from the smallest key; one grouped scan per side
 * gives count and checksum per range, and each differing range is split again by a narrower width, read through
 * `key >= lo AND key < hi` conditions that an index on the key turns into index range reads. locate-strategy.ts
 * chooses this only when an index leads with the key on both sides; without one every range query is a full scan.
 * Every query goes through `run`, so the side's concurrency limit, timeout, filter, cutoff and late-change
 * exclusion apply, and the row and time budgets are asked before each step.
 */
import type { Statement } from '../dialects/dialect.js'
import { textOf } from '../plan/check-kind.js'
import {
  type Budget,
  type Counter,
  type KeyHashes,
  type LocateSettings,
  type LocateSide,
  type Sides,
  type Stats,
  EMPTY,
  fetchRows,
  groupedStatement,
  readStats,
  run,
} from './locate-queries.js'

/** Most ranges of the first level, per side. */
export const MAX_RANGE_FANOUT = 1024
/** Children a differing range may be split into below the first level (widths are powers of two). */
const CHILD_FANOUTS = [2, 4, 8, 16] as const
/**
 * Ranges ORed in one statement: the engine rechecks each row read against every range, so a long list costs
 * rows × ranges; 64 keeps that small while batching a level into a few queries.
 */
export const RANGES_PER_QUERY = 64
/**
 * The share of all rows inside differing first-level ranges above which the further levels and the fetch select
 * ranges by number (`(key - lo) / width IN (…)`, one full scan per side per level) instead of by bounds read
 * through the index: with the differences spread over much of the table, reading most of it through the index
 * once per level, in many queries of 64 ranges, costs more than a plain scan (docs/checksum.md).
 */
export const WIDE_SHARE = 1 / 4
/** Children per differing range in wide levels (each level is a full scan, so fewer levels are cheaper). */
const WIDE_FANOUTS = [2, 4, 8, 16, 32, 64] as const

/** A range of the key, lower bound inclusive and upper exclusive, or the rows whose key is NULL. */
export type KeyRange = { readonly lower: bigint; readonly upper: bigint } | { readonly nullKeys: true }

/** A key range and each side's count and checksum in it. */
export interface RangePart {
  readonly range: KeyRange
  readonly source: Stats
  readonly target: Stats
}

/** What the range descent found: differing ranges to fetch and those a budget left unsplit. */
export interface RangeLeaves {
  readonly leaves: RangePart[]
  readonly unsplit: RangePart[]
  /** The smallest key: ranges are numbered from it. */
  readonly lo: bigint
  /** Whether ranges are selected by number (full scans) rather than by bounds: see {@link WIDE_SHARE}. */
  readonly wide: boolean
  /** Set when the key span cannot be cut arithmetically (every key NULL, or a span of 2^62 or more). */
  readonly uncuttable?: true
}

const total = (p: RangePart) => Number(p.source.rows + p.target.rows)
const differs = (p: RangePart) => p.source.rows !== p.target.rows || p.source.sum !== p.target.sum

/** The smallest power of two at least `n`. */
const nextPowerOfTwo = (n: bigint): bigint => {
  let p = 1n
  while (p < n) p *= 2n
  return p
}

/** Whether the key is one integer column on both sides, so that ranges can be computed arithmetically. */
export function integerKey(sides: Sides): boolean {
  return (
    sides.source.keys.length === 1 &&
    sides.source.keys[0]?.family === 'integer' &&
    sides.target.keys.length === 1 &&
    sides.target.keys[0]?.family === 'integer'
  )
}

const keyOf = (side: LocateSide): string => side.keys[0]?.expr ?? ''
const bound = (side: LocateSide, value: bigint): Statement =>
  side.plan.dialect.keyParam({ param: value.toString() }, 'integer')

/** The condition selecting the rows of one range. */
export function rangeCondition(side: LocateSide, range: KeyRange): Statement {
  const key = keyOf(side)
  if ('nullKeys' in range) return [`${key} IS NULL`]
  return [`${key} >= `, ...bound(side, range.lower), ` AND ${key} < `, ...bound(side, range.upper)]
}

/** The condition selecting the rows of any of several ranges. */
export const anyRange = (side: LocateSide, ranges: readonly KeyRange[]): Statement =>
  ranges.flatMap((r, i) => [i === 0 ? '(' : '\n   OR (', ...rangeCondition(side, r), ')'])

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += RANGES_PER_QUERY) out.push(items.slice(i, i + RANGES_PER_QUERY))
  return out
}

/**
 * Children to split a differing range of `rows` rows (both sides) into, or 0 to fetch it as keys: a range of at
 * most `segment_rows` rows is fetched; a bigger one is split into the fewest children that are small enough to
 * fetch, at most 16 (then split again): with an index each level is another round of queries per side.
 */
export function rangeFanout(rows: number, segmentRows: number, wide = false): number {
  if (rows <= segmentRows) return 0
  const fanouts: readonly number[] = wide ? WIDE_FANOUTS : CHILD_FANOUTS
  return fanouts.find((f) => rows / f <= segmentRows) ?? (wide ? 64 : 16)
}

/** SQL numbering a row's range of `width` from `lo`. */
const rangeNumber = (side: LocateSide, lo: bigint, width: bigint): Statement => [
  `(CAST(${keyOf(side)} AS bigint) - `,
  ...bound(side, lo),
  ') / ',
  ...bound(side, width),
]

/** The condition selecting the rows of some ranges by number: per width, their numbers as one JSON list. */
export function numberedRanges(side: LocateSide, lo: bigint, ranges: readonly KeyRange[]): Statement {
  const byWidth = new Map<bigint, bigint[]>()
  const parts: Statement[] = []
  for (const r of ranges) {
    if ('nullKeys' in r) {
      parts.push(rangeCondition(side, r))
      continue
    }
    const width = r.upper - r.lower
    const list = byWidth.get(width) ?? []
    list.push((r.lower - lo) / width)
    byWidth.set(width, list)
  }
  for (const [width, ids] of byWidth) {
    const sqlOf = rangeNumber(side, lo, width)
    // inIntegerList takes SQL text; the range number's bounds are integers we computed, so they are inlined.
    const text = sqlOf.map((piece) => (typeof piece === 'string' ? piece : String(piece.param))).join('')
    parts.push(side.plan.dialect.inIntegerList(text, { param: `[${ids.join(',')}]` }))
  }
  return parts.flatMap((p, i) => [i === 0 ? '(' : ' OR (', ...p, ')'])
}

/** The smallest and largest key on each side (an index answers both at once), widened over both sides. */
async function keySpan(sides: Sides, counter: Counter): Promise<{ lo: bigint; hi: bigint } | undefined> {
  const bounds = await Promise.all(
    [sides.source, sides.target].map(async (side) => {
      const d = side.plan.dialect
      const key = keyOf(side)
      const [row] = await run(
        side,
        [
          `SELECT ${d.canonicalText(`MIN(${key})`, 'integer')} AS lo, ${d.canonicalText(`MAX(${key})`, 'integer')} AS hi\n`,
          ...side.plan.from,
        ],
        counter,
        'segment',
      )
      const lo = textOf(row?.lo)
      const hi = textOf(row?.hi)
      return lo === null || hi === null ? undefined : { lo: BigInt(lo), hi: BigInt(hi) }
    }),
  )
  const present = bounds.filter((b) => b !== undefined)
  if (present.length === 0) return undefined
  return {
    lo: present.reduce((m, b) => (b.lo < m ? b.lo : m), present[0]?.lo ?? 0n),
    hi: present.reduce((m, b) => (b.hi > m ? b.hi : m), present[0]?.hi ?? 0n),
  }
}

/**
 * Count and checksum per range of `width` from `lo` on both sides, among the rows of `parents` (all: undefined),
 * selected by bounds (through an index), or by number when `wide`.
 */
async function level(
  sides: Sides,
  lo: bigint,
  width: bigint,
  parents: readonly KeyRange[] | undefined,
  wide: boolean,
  counter: Counter,
): Promise<RangePart[]> {
  const [source, target] = await Promise.all(
    [sides.source, sides.target].map(async (side) => {
      const seg = rangeNumber(side, lo, width)
      const wheres: Statement[] =
        parents === undefined
          ? [['1 = 1']]
          : wide
            ? [numberedRanges(side, lo, parents)]
            : chunks(parents).map((group) => anyRange(side, group))
      const merged = new Map<string, Stats>()
      for (const where of wheres) {
        for (const [k, v] of readStats(
          await run(side, groupedStatement(side, seg, where), counter, 'segment'),
        ))
          merged.set(k, v)
      }
      return merged
    }),
  )
  const out: RangePart[] = []
  for (const seg of new Set([...(source?.keys() ?? []), ...(target?.keys() ?? [])])) {
    counter.segmentsCompared += 1
    const start = seg === 'null' ? 0n : lo + BigInt(seg) * width
    const part: RangePart = {
      range: seg === 'null' ? { nullKeys: true } : { lower: start, upper: start + width },
      source: source?.get(seg) ?? EMPTY,
      target: target?.get(seg) ?? EMPTY,
    }
    if (differs(part)) out.push(part)
  }
  return out
}

/**
 * Descends from the whole key span through levels of ranges until every differing range is small enough to
 * fetch. A step the row or time budget refuses is not run: its ranges are returned unsplit. When the first level
 * shows the differences spread over more than {@link WIDE_SHARE} of the rows, the rest goes `wide`.
 */
export async function keyRanges(
  sides: Sides,
  settings: LocateSettings,
  counter: Counter,
  budget: Budget,
  whole: { source: Stats; target: Stats },
): Promise<RangeLeaves> {
  const all = Number(whole.source.rows + whole.target.rows)
  const wholePart: RangePart = { range: { lower: 0n, upper: 0n }, ...whole }
  if (!budget.allows(2)) return { leaves: [], unsplit: [wholePart], lo: 0n, wide: false }
  const span = await keySpan(sides, counter)
  // Every key NULL, or a span that could overflow 64-bit arithmetic: nothing to cut arithmetically.
  if (span === undefined || span.hi - span.lo >= 1n << 62n)
    return { leaves: [], unsplit: [], lo: 0n, wide: false, uncuttable: true }
  const { lo } = span
  let wide = false
  const fanout = Math.min(
    MAX_RANGE_FANOUT,
    Math.max(2, Math.ceil(all / Math.max(1, settings.segmentRows / 2))),
  )
  let width = nextPowerOfTwo((span.hi - span.lo + 1n + BigInt(fanout) - 1n) / BigInt(fanout))
  let parents: KeyRange[] | undefined
  let pending: RangePart[] = [wholePart]
  let expected = fanout + 1
  const leaves: RangePart[] = []
  for (let first = true; ; first = false) {
    // Two count-and-checksum rows per range at most (one per side), NULL keys included.
    if (!budget.allows(2 * expected)) return { leaves, unsplit: pending, lo, wide }
    counter.levels += 1
    const differing = await level(sides, lo, width, parents, wide, counter)
    if (first) wide = differing.reduce((n, p) => n + total(p), 0) / Math.max(1, all) > WIDE_SHARE
    const next: RangePart[] = []
    for (const part of differing) {
      if (
        'nullKeys' in part.range ||
        width === 1n ||
        rangeFanout(total(part), settings.segmentRows, wide) === 0
      )
        leaves.push(part)
      else next.push(part)
    }
    if (next.length === 0) return { leaves, unsplit: [], lo, wide }
    // One width per level: the biggest differing range decides it.
    const f = BigInt(rangeFanout(Math.max(...next.map(total)), settings.segmentRows, wide))
    width = width / f > 0n ? width / f : 1n
    parents = next.map((p) => p.range)
    pending = next
    expected = next.length * Number(f)
  }
}

/**
 * Fetches keys and hashes of the rows of `parts` on both sides, within the row budget: ranges are taken in order
 * while their rows fit; the rest are returned. One query per side per {@link RANGES_PER_QUERY} ranges, or one
 * query per side selecting them by number when the descent went wide.
 */
export async function fetchRanges(
  sides: Sides,
  found: RangeLeaves,
  counter: Counter,
  budget: Budget,
  into: { source: KeyHashes; target: KeyHashes },
): Promise<RangePart[]> {
  const parts = found.leaves
  const taken: RangePart[] = []
  const left: RangePart[] = []
  let rows = 0
  for (const p of parts) {
    if (left.length === 0 && budget.allows(rows + total(p))) {
      taken.push(p)
      rows += total(p)
    } else left.push(p)
  }
  await Promise.all(
    (['source', 'target'] as const).map(async (which) => {
      const side = sides[which]
      const mine = taken.filter((p) => p[which].rows > 0n)
      const groups = found.wide ? (mine.length === 0 ? [] : [mine]) : chunks(mine)
      for (const group of groups) {
        const limit = group.reduce((n, p) => n + Number(p[which].rows), 0)
        const ranges = group.map((p) => p.range)
        const condition = found.wide ? numberedRanges(side, found.lo, ranges) : anyRange(side, ranges)
        await fetchRows(side, condition, limit, counter, into[which])
      }
    }),
  )
  return left
}
