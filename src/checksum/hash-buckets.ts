/**
 * Locating by buckets of the key (docs/checksum.md, "Locating"). When every key column is an integer on both sides
 * the bucket comes from integer arithmetic on the key (`integerBucketOf` in reference.ts: no MD5, so the grouped
 * scan computes one MD5 per row, the row hash, and the fetch's filter none); for every other key it is the row
 * hash of the row's canonical key text (the same 60-bit MD5 slice as the checksum: `bucketOf` in reference.ts),
 * `keyHash % m`. Both engines and the TypeScript reference agree on either. One grouped scan per side gives count
 * and checksum of every bucket of a level; only differing buckets are split further, with a modulus `m × f` that
 * refines `m` (both powers of two), again one grouped scan per side for the whole level. Nothing depends on an
 * index, so the cost is a few scans whatever the table looks like, and it is the only strategy: key ranges read
 * through an index were measured and dropped (docs/checksum.md, "Why buckets, and not key ranges").
 */
import type { SqlDialect, SqlParam, Statement } from '../dialects/dialect.js'
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
import { MAX_INTEGER_MODULUS } from './reference.js'

/** The key hash has 60 bits: a modulus of 2^60 puts each distinct key hash in a bucket of its own. */
export const MAX_MODULUS = 1n << 60n
/**
 * How rows are put into buckets: `integer_key`, by integer arithmetic on a key whose columns are all integers on
 * both sides; `key_md5`, by the MD5 of the canonical key text (any other key).
 */
export type Bucketing = 'integer_key' | 'key_md5'

/** Whether every key column is an integer on both sides (a key of one or more columns). */
export function integerKey(sides: Sides): boolean {
  const { source, target } = sides
  return (
    source.keys.length > 0 &&
    source.keys.length === target.keys.length &&
    [...source.keys, ...target.keys].every((k) => k.family === 'integer')
  )
}

/** The bucketing of a check's sides: `integer_key` when every key column is an integer on both. */
export const bucketingOf = (sides: Sides): Bucketing => (integerKey(sides) ? 'integer_key' : 'key_md5')

/** The finest modulus of a bucketing: past it buckets no longer split (the mixed integer key is below 2^31). */
const maxModulus = (bucketing: Bucketing): bigint =>
  bucketing === 'integer_key' ? MAX_INTEGER_MODULUS : MAX_MODULUS

/** Most buckets of the first level: each side returns at most this many count-and-checksum rows. */
export const MAX_FIRST_LEVEL = 65_536
/** Children a differing bucket may be split into below the first level. */
const CHILD_FANOUTS = [2, 4, 8, 16, 32, 64] as const
/** Bucket ids per JSON list parameter; a statement ORs several lists when a level has more differing buckets. */
const IDS_PER_LIST = 10_000

/** A bucket of some level and each side's count and checksum in it. */
export interface Bucket {
  /** The level's modulus: the bucket holds the rows whose key hash modulo this is `id`. */
  readonly modulus: bigint
  readonly id: bigint
  readonly source: Stats
  readonly target: Stats
}

/** What the bucket descent found: the differing buckets to fetch, and those a budget left unsplit. */
export interface BucketLeaves {
  readonly leaves: Bucket[]
  readonly unsplit: Bucket[]
}

const total = (b: Bucket) => Number(b.source.rows + b.target.rows)
const differs = (b: Bucket) => b.source.rows !== b.target.rows || b.source.sum !== b.target.sum

/** The largest power of two at most `n` (at least 1). */
function floorPowerOfTwo(n: number): number {
  let p = 1
  while (p * 2 <= n) p *= 2
  return p
}

/**
 * Buckets of the first level: about `segment_rows / 2` rows (both sides) each, a power of two, at most 65,536, and
 * at most a sixth of the row budget's worth of count-and-checksum rows (two per bucket), so that the budget leaves
 * room for a next level and the keys. Buckets that small are fetched as keys right after the first level
 * (`bucketFanout` gives 0): locating then costs two scans per side (the grouped scan and the fetch) instead of one
 * more per level, and the rows fetched stay within 2 × buckets + `segment_rows / 2` per difference. Only a table
 * with more than 65,536 × `segment_rows / 2` rows (2,097,152 with the default 64, both sides together) or a small
 * row budget gets larger buckets and a level in between.
 */
export function firstLevelBuckets(totalRows: number, settings: LocateSettings): number {
  const wanted = Math.ceil(totalRows / Math.max(1, settings.segmentRows / 2))
  let buckets = 1
  while (buckets < wanted) buckets *= 2
  return Math.max(1, Math.min(buckets, MAX_FIRST_LEVEL, floorPowerOfTwo(settings.maxRowsFetched / 6)))
}

/**
 * Children to split a differing bucket of `rows` rows (both sides) into, or 0 to fetch it as keys: fetching costs
 * its rows; a split costs two count-and-checksum rows per child, then the child holding the difference, plus one
 * more scan per side, weighed as `segment_rows` rows, since without an index every level reads the whole table.
 */
export function bucketFanout(rows: number, segmentRows: number): number {
  let best = { cost: rows, fanout: 0 }
  for (const f of CHILD_FANOUTS) {
    const cost = 2 * f + rows / f + segmentRows
    if (cost < best.cost) best = { cost, fanout: f }
  }
  return best.fanout
}

/**
 * SQL of a row's bucket among `modulus` buckets: the row hash of its canonical key text (`keyText`) modulo
 * `modulus`, as the dialect's `hashBucket` computes it, so every engine gives `bucketOf` of reference.ts.
 */
export const bucketSql = (d: SqlDialect, keyText: string, modulus: bigint): string =>
  d.hashBucket(keyText, modulus)

/** SQL of a row's bucket on one side under `bucketing`. */
function bucketExpr(side: LocateSide, modulus: bigint, bucketing: Bucketing): string {
  const d = side.plan.dialect
  return bucketing === 'integer_key'
    ? d.integerBucket(
        side.keys.map((k) => k.expr),
        modulus,
      )
    : bucketSql(d, side.keyText, modulus)
}

/** The condition selecting the rows of some buckets: per modulus, its ids as JSON list parameters, ORed. */
export function bucketCondition(
  side: LocateSide,
  buckets: readonly Bucket[],
  bucketing: Bucketing,
): Statement {
  const byModulus = new Map<bigint, bigint[]>()
  for (const b of buckets) {
    const ids = byModulus.get(b.modulus)
    if (ids === undefined) byModulus.set(b.modulus, [b.id])
    else ids.push(b.id)
  }
  const parts: Statement[] = []
  for (const [modulus, ids] of byModulus) {
    if (modulus === 1n) return ['1 = 1']
    for (let i = 0; i < ids.length; i += IDS_PER_LIST) {
      const list: SqlParam = { param: `[${ids.slice(i, i + IDS_PER_LIST).join(',')}]` }
      parts.push(side.plan.dialect.inIntegerList(bucketExpr(side, modulus, bucketing), list))
    }
  }
  return parts.flatMap((p, i) => [i === 0 ? '(' : ' OR (', ...p, ')'])
}

/** Count and checksum per bucket of `modulus` on both sides, among the rows of `parents`. */
async function level(
  sides: Sides,
  parents: readonly Bucket[],
  modulus: bigint,
  counter: Counter,
  bucketing: Bucketing,
): Promise<Bucket[]> {
  const [source, target] = await Promise.all(
    [sides.source, sides.target].map(async (side) =>
      readStats(
        await run(
          side,
          groupedStatement(
            side,
            [bucketExpr(side, modulus, bucketing)],
            bucketCondition(side, parents, bucketing),
          ),
          counter,
          'segment',
        ),
      ),
    ),
  )
  const out: Bucket[] = []
  for (const id of new Set([...(source?.keys() ?? []), ...(target?.keys() ?? [])])) {
    counter.segmentsCompared += 1
    const bucket: Bucket = {
      modulus,
      id: BigInt(id),
      source: source?.get(id) ?? EMPTY,
      target: target?.get(id) ?? EMPTY,
    }
    if (differs(bucket)) out.push(bucket)
  }
  return out
}

/**
 * Descends from the whole dataset (one bucket of modulus 1) through levels of buckets until every differing
 * bucket is small enough to fetch, one grouped scan per side per level. A level that could fetch more rows than
 * the row budget has left, or that would start after the time budget, is not run: its buckets are returned
 * unsplit.
 */
export async function hashBuckets(
  sides: Sides,
  settings: LocateSettings,
  counter: Counter,
  budget: Budget,
  whole: { source: Stats; target: Stats },
  bucketing: Bucketing,
): Promise<BucketLeaves> {
  const leaves: Bucket[] = []
  let current: Bucket[] = [{ modulus: 1n, id: 0n, ...whole }]
  let first = true
  while (current.length > 0) {
    const modulus = current[0]?.modulus ?? 1n
    const biggest = Math.max(...current.map(total))
    const fanout = first ? firstLevelBuckets(biggest, settings) : bucketFanout(biggest, settings.segmentRows)
    if (fanout <= 1 || modulus * BigInt(fanout) > maxModulus(bucketing)) {
      leaves.push(...current)
      break
    }
    // Split only the buckets worth splitting; the others are fetched as they are.
    const split = first ? current : current.filter((b) => bucketFanout(total(b), settings.segmentRows) > 0)
    leaves.push(...current.filter((b) => !split.includes(b)))
    if (!budget.allows(2 * fanout * split.length)) return { leaves, unsplit: split }
    counter.levels += 1
    current = await level(sides, split, modulus * BigInt(fanout), counter, bucketing)
    first = false
  }
  return { leaves, unsplit: [] }
}

/**
 * Fetches the keys and hashes of the rows of `buckets` on both sides, one query per side, within the row budget:
 * buckets are taken in order while their rows fit; the rest are returned.
 */
export async function fetchBuckets(
  sides: Sides,
  buckets: readonly Bucket[],
  counter: Counter,
  budget: Budget,
  into: { source: KeyHashes; target: KeyHashes },
  bucketing: Bucketing,
): Promise<Bucket[]> {
  const taken: Bucket[] = []
  const left: Bucket[] = []
  let rows = 0
  for (const b of buckets) {
    if (left.length === 0 && budget.allows(rows + total(b))) {
      taken.push(b)
      rows += total(b)
    } else left.push(b)
  }
  const limit = budget.rowsLeft()
  await Promise.all(
    (['source', 'target'] as const).map(async (which) => {
      const mine = taken.filter((b) => b[which].rows > 0n)
      if (mine.length === 0) return
      const side = sides[which]
      const rowsHere = mine.reduce((n, b) => n + Number(b[which].rows), 0)
      await fetchRows(
        side,
        bucketCondition(side, mine, bucketing),
        Math.min(limit, rowsHere),
        counter,
        into[which],
      )
    }),
  )
  return left
}
