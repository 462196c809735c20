/**
 * Locating the rows behind a checksum difference without moving the tables (docs/checksum.md, "Locating"):
 * the key range is split into segments, each side reports count and checksum per segment in one grouped query,
 * segments that agree are dropped, and the others are split again until they are small enough to fetch as
 * (canonical key, row hash) pairs, never values. The algorithm only composes dialect pieces; it never knows an
 * engine. Every query goes through the side's Connection, so its concurrency limit and timeout apply.
 */
import type { SqlParam, Statement, TypeFamily } from '../dialects/dialect.js'
import type { Side } from '../definitions/types.js'
import type { SidePlan } from '../runner/plan.js'
import { textOf } from '../check-kinds/check-kind.js'

/** Most segments the first grouped query over integer keys may return per side. */
export const MAX_INTEGER_FANOUT = 1024
/**
 * Most children a differing integer segment is split into below the first level. A small fan-out keeps the
 * aggregate rows fetched proportional to the differences, not to the table: each level costs one batched index
 * range query per side, which is cheap next to fetching thousands of segment rows.
 */
export const MAX_CHILD_FANOUT = 16
/** Most boundaries one sampled split may use: each is a bound parameter, and SQL Server allows 2,100 per query. */
export const MAX_SAMPLED_FANOUT = 256
/** Bound parameters per statement kept under SQL Server's limit of 2,100. */
const MAX_PARAMETERS = 1800
/**
 * Key ranges ORed in one statement: the engine rechecks each fetched row against every range, so a long list
 * costs rows × ranges; 64 keeps that small while batching most levels into a few queries.
 */
const MAX_RANGES_PER_QUERY = 64

/** One key column on one side: how it is read and compared. */
export interface LocateKey {
  /** The column expression. */
  readonly expr: string
  /** This side's type family of the column. */
  readonly family: TypeFamily
}

/** One side of a located comparison. */
export interface LocateSide {
  readonly plan: SidePlan
  readonly keys: readonly LocateKey[]
  /** SQL of the row hash (dialect `rowHash` over the checked columns). */
  readonly rowHash: string
  /** SQL of the canonical key text: the key columns' checksum fields joined by `|`. */
  readonly keyText: string
  /** Rows on this side (from the checksum scan). */
  readonly rows: bigint
}

/** Limits of one locate run. */
export interface LocateSettings {
  /** A segment with at most this many rows on both sides together is fetched as keys and hashes. */
  readonly segmentRows: number
  /** Most key rows fetched, both sides together; beyond it segments are left unlocated. */
  readonly maxRowsFetched: number
}

/** Row hashes per canonical key, as fetched from one side. */
export type KeyHashes = Map<string, string[]>

/** What locating found and what it cost. */
export interface LocateOutcome {
  readonly source: KeyHashes
  readonly target: KeyHashes
  /** `integer`: arithmetic segments of one integer key; `sampled`: boundaries sampled from the keys. */
  readonly strategy: 'integer' | 'sampled'
  /** Whether every differing segment was fetched (false when the row budget ran out). */
  readonly complete: boolean
  /** Differing segments left unfetched, and their rows per side. */
  readonly unlocated: { readonly segments: number; readonly sourceRows: number; readonly targetRows: number }
  readonly queries: number
  /** Aggregate rows (one per segment and side) fetched. */
  readonly segmentRowsFetched: number
  /** Key+hash rows fetched. */
  readonly keyRowsFetched: number
  /** Segments whose count and checksum were compared. */
  readonly segmentsCompared: number
  /** Levels of splitting. */
  readonly levels: number
}

/** Count and checksum of some rows of one side. */
export interface Stats {
  readonly rows: bigint
  /** Exact sum of row hashes, decimal text. */
  readonly sum: string
}

const EMPTY: Stats = { rows: 0n, sum: '0' }

/** A part of the key space: lower bound inclusive, upper exclusive, as canonical key text per key column. */
interface KeyRange {
  readonly lower?: readonly string[]
  readonly upper?: readonly string[]
  /** Rows with a NULL in a key column (they belong to no range). */
  readonly nullKeys?: true
}

interface Segment {
  readonly range: KeyRange
  readonly source: Stats
  readonly target: Stats
}

const differs = (s: Segment) => s.source.rows !== s.target.rows || s.source.sum !== s.target.sum
const totalRows = (s: Segment) => Number(s.source.rows + s.target.rows)

class Counter {
  queries = 0
  segmentRows = 0
  keyRows = 0
  segmentsCompared = 0
  levels = 0
}

async function run(side: LocateSide, statement: Statement, counter: Counter, kind: 'segment' | 'key') {
  counter.queries += 1
  const { rows } = await side.plan.connection.query<Record<string, unknown>>(statement)
  if (kind === 'segment') counter.segmentRows += rows.length
  else counter.keyRows += rows.length
  return rows
}

const param = (side: LocateSide, i: number, value: string): Statement =>
  side.plan.dialect.keyParam({ param: value } satisfies SqlParam, side.keys[i]?.family ?? 'text')

const orderOf = (side: LocateSide, i: number): string => {
  const key = side.keys[i]
  if (key === undefined) throw new RangeError(`no key column ${i}`)
  return side.plan.dialect.keyOrder(key.expr, key.family)
}

/** `key < tuple` or `key >= tuple`, lexicographic over the key columns, in each side's comparable types. */
function compareTuple(side: LocateSide, tuple: readonly string[], op: '<' | '>='): Statement {
  const strict = op === '<' ? '<' : '>'
  const alternatives: Statement[] = tuple.map((value, i) => {
    const parts: Array<string | SqlParam> = []
    for (let j = 0; j < i; j++)
      parts.push(`${orderOf(side, j)} = `, ...param(side, j, tuple[j] ?? ''), ' AND ')
    parts.push(`${orderOf(side, i)} ${i === tuple.length - 1 ? op : strict} `, ...param(side, i, value))
    return parts
  })
  return alternatives.length === 1
    ? (alternatives[0] ?? [])
    : alternatives.flatMap((a, i) => [i === 0 ? '(' : ' OR (', ...a, ')'])
}

function rangeCondition(side: LocateSide, range: KeyRange): Statement {
  if (range.nullKeys) return [side.keys.map((k) => `${k.expr} IS NULL`).join(' OR ')]
  const parts: Statement[] = []
  if (range.lower !== undefined) parts.push(compareTuple(side, range.lower, '>='))
  if (range.upper !== undefined) parts.push(compareTuple(side, range.upper, '<'))
  if (parts.length === 0) return ['1 = 1']
  return parts.flatMap((p, i) => [i === 0 ? '(' : ' AND (', ...p, ')'])
}

const anyCondition = (side: LocateSide, ranges: readonly KeyRange[]): Statement =>
  ranges.flatMap((r, i) => [i === 0 ? '(' : '\n   OR (', ...rangeCondition(side, r), ')'])

/** Splits ranges into groups whose conditions stay under the parameter limit. */
function chunks(ranges: readonly KeyRange[], keyColumns: number): KeyRange[][] {
  const perRange = Math.max(1, keyColumns * (keyColumns + 1))
  const size = Math.max(1, Math.min(MAX_RANGES_PER_QUERY, Math.floor(MAX_PARAMETERS / perRange) - 1))
  const out: KeyRange[][] = []
  for (let i = 0; i < ranges.length; i += size) out.push(ranges.slice(i, i + size))
  return out
}

/** Count and checksum per segment id on one side: `seg` is an SQL expression over the dataset's row. */
function groupedStatement(side: LocateSide, seg: Statement, where: Statement): Statement {
  const d = side.plan.dialect
  return [
    `SELECT s.seg AS seg, ${d.countRows()} AS n, ${d.sumRowHashes('s.h')} AS h\nFROM (SELECT `,
    ...seg,
    ` AS seg, ${side.rowHash} AS h\n`,
    ...side.plan.fromWhere(where),
    '\n) AS s\nGROUP BY s.seg',
  ]
}

function readStats(rows: readonly Record<string, unknown>[]): Map<string, Stats> {
  const out = new Map<string, Stats>()
  for (const row of rows) {
    const seg = textOf(row.seg) ?? 'null'
    out.set(seg, { rows: BigInt(textOf(row.n) ?? '0'), sum: textOf(row.h) ?? '0' })
  }
  return out
}

/** Fetches (key, hash) of every row in `ranges` on one side, at most `limit` rows. */
async function fetchKeys(
  side: LocateSide,
  ranges: readonly KeyRange[],
  limit: number,
  counter: Counter,
  into: KeyHashes,
): Promise<void> {
  const d = side.plan.dialect
  for (const group of chunks(ranges, side.keys.length)) {
    const select: Statement = [
      `SELECT ${side.keyText} AS k, ${d.canonicalText(side.rowHash, 'integer')} AS h\n`,
      ...side.plan.fromWhere(anyCondition(side, group)),
    ]
    const rows = await run(side, d.limitRows(select, limit), counter, 'key')
    for (const row of rows) {
      const key = textOf(row.k) ?? ''
      const hashes = into.get(key)
      const hash = textOf(row.h) ?? ''
      if (hashes === undefined) into.set(key, [hash])
      else hashes.push(hash)
    }
  }
}

const nextPowerOfTwo = (n: bigint): bigint => {
  let p = 1n
  while (p < n) p *= 2n
  return p
}

/** Fanout that makes children of about half a leaf: `rows` over `segmentRows / 2`, at least 2. */
const fanout = (rows: number, settings: LocateSettings, max: number) =>
  Math.min(max, Math.max(2, Math.ceil(rows / Math.max(1, settings.segmentRows / 2))))

interface Sides {
  readonly source: LocateSide
  readonly target: LocateSide
}

/** Splits the key space of one integer key arithmetically: buckets of a power-of-two width from the minimum. */
async function integerSegments(
  sides: Sides,
  settings: LocateSettings,
  counter: Counter,
): Promise<Segment[] | undefined> {
  const bounds = await Promise.all(
    [sides.source, sides.target].map(async (side) => {
      const d = side.plan.dialect
      const key = side.keys[0]?.expr ?? ''
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
  const lo = present.reduce<bigint | undefined>((m, b) => (m === undefined || b.lo < m ? b.lo : m), undefined)
  const hi = present.reduce<bigint | undefined>((m, b) => (m === undefined || b.hi > m ? b.hi : m), undefined)
  // Every key NULL, or a span that could overflow 64-bit arithmetic: sample boundaries instead.
  if (lo === undefined || hi === undefined || hi - lo >= 1n << 62n) return undefined
  const span = hi - lo + 1n
  const all = Number(sides.source.rows + sides.target.rows)
  let width = nextPowerOfTwo(
    (span + BigInt(fanout(all, settings, MAX_INTEGER_FANOUT)) - 1n) /
      BigInt(fanout(all, settings, MAX_INTEGER_FANOUT)),
  )
  let candidates: KeyRange[] | undefined
  const leaves: Segment[] = []
  for (;;) {
    counter.levels += 1
    const w = width
    const perSide = await Promise.all(
      [sides.source, sides.target].map(async (side) => {
        const key = side.keys[0]?.expr ?? ''
        const seg: Statement = [
          `(CAST(${key} AS bigint) - `,
          ...param(side, 0, lo.toString()),
          ') / ',
          ...param(side, 0, w.toString()),
        ]
        const groups = candidates === undefined ? [undefined] : chunks(candidates, 1)
        const merged = new Map<string, Stats>()
        const results = await Promise.all(
          groups.map((group) =>
            run(
              side,
              groupedStatement(side, seg, group === undefined ? ['1 = 1'] : anyCondition(side, group)),
              counter,
              'segment',
            ),
          ),
        )
        for (const rows of results) for (const [k, v] of readStats(rows)) merged.set(k, v)
        return merged
      }),
    )
    const [source, target] = perSide as [Map<string, Stats>, Map<string, Stats>]
    const next: Segment[] = []
    for (const seg of new Set([...source.keys(), ...target.keys()])) {
      counter.segmentsCompared += 1
      const start = seg === 'null' ? 0n : lo + BigInt(seg) * w
      const segment: Segment = {
        range:
          seg === 'null'
            ? { nullKeys: true }
            : { lower: [start.toString()], upper: [(start + w).toString()] },
        source: source.get(seg) ?? EMPTY,
        target: target.get(seg) ?? EMPTY,
      }
      if (!differs(segment)) continue
      if (seg === 'null' || w === 1n || totalRows(segment) <= settings.segmentRows) leaves.push(segment)
      else next.push(segment)
    }
    if (next.length === 0) return leaves
    const biggest = Math.max(...next.map(totalRows))
    const f = BigInt(fanout(biggest, settings, MAX_CHILD_FANOUT))
    width = w / nextPowerOfTwo(f) > 0n ? w / nextPowerOfTwo(f) : 1n
    candidates = next.map((s) => s.range)
  }
}

/** Boundaries that split `range` into about `parts` pieces, sampled in key order from the side with more rows. */
async function sampleBoundaries(
  side: LocateSide,
  range: KeyRange,
  rows: bigint,
  parts: number,
  counter: Counter,
): Promise<string[][]> {
  const d = side.plan.dialect
  const step = (rows + BigInt(parts) - 1n) / BigInt(parts)
  if (step < 1n) return []
  const texts = side.keys.map((k, i) => `${d.canonicalText(k.expr, k.family)} AS b${i}`)
  const order = side.keys.map((_, i) => orderOf(side, i)).join(', ')
  const rowsOut = await run(
    side,
    [
      `SELECT ${side.keys.map((_, i) => `s.b${i}`).join(', ')} FROM (SELECT ${texts.join(', ')}, ROW_NUMBER() OVER (ORDER BY ${order}) AS rn\n`,
      ...side.plan.fromWhere(rangeCondition(side, range)),
      `\n) AS s\nWHERE s.rn % ${step.toString()} = 0\nORDER BY s.rn`,
    ],
    counter,
    'segment',
  )
  const out: string[][] = []
  for (const row of rowsOut) {
    const tuple = side.keys.map((_, i) => textOf(row[`b${i}`]) ?? '')
    const previous = out[out.length - 1]
    if (previous === undefined || previous.join('\u0000') !== tuple.join('\u0000')) out.push(tuple)
  }
  // A boundary equal to the range's lower bound would make an empty first segment.
  if (range.lower !== undefined && out[0]?.join('\u0000') === range.lower.join('\u0000')) out.shift()
  return out
}

/** `CASE` tree of depth log2(n) assigning segment 0..n to a row: keys below boundary j are in segment ≤ j. */
function segmentTree(side: LocateSide, boundaries: readonly string[][], lo: number, hi: number): Statement {
  if (lo === hi) return [String(lo)]
  const mid = Math.floor((lo + hi) / 2)
  return [
    'CASE WHEN ',
    ...compareTuple(side, boundaries[mid] ?? [], '<'),
    ' THEN ',
    ...segmentTree(side, boundaries, lo, mid),
    ' ELSE ',
    ...segmentTree(side, boundaries, mid + 1, hi),
    ' END',
  ]
}

/** Splits one differing segment by sampled boundaries; returns its differing children. */
async function splitSampled(
  sides: Sides,
  segment: Segment,
  settings: LocateSettings,
  counter: Counter,
): Promise<Segment[] | 'unsplittable'> {
  const keyColumns = sides.source.keys.length
  const maxBoundaries = Math.min(
    MAX_SAMPLED_FANOUT,
    Math.floor(MAX_PARAMETERS / 2 / ((keyColumns * (keyColumns + 1)) / 2)),
  )
  const parts = fanout(totalRows(segment), settings, maxBoundaries)
  const bigger = segment.source.rows >= segment.target.rows ? 'source' : 'target'
  const boundaries = await sampleBoundaries(
    sides[bigger],
    segment.range,
    segment[bigger].rows,
    parts,
    counter,
  )
  if (boundaries.length === 0) return 'unsplittable'
  const top = segment.range.lower === undefined && segment.range.upper === undefined
  const [source, target] = await Promise.all(
    [sides.source, sides.target].map(async (side) => {
      const tree = segmentTree(side, boundaries, 0, boundaries.length)
      const anyNull = side.keys.map((k) => `${k.expr} IS NULL`).join(' OR ')
      const seg: Statement = top ? [`CASE WHEN ${anyNull} THEN -1 ELSE `, ...tree, ' END'] : tree
      return readStats(
        await run(side, groupedStatement(side, seg, rangeCondition(side, segment.range)), counter, 'segment'),
      )
    }),
  )
  const children: Segment[] = []
  for (const seg of new Set([...(source?.keys() ?? []), ...(target?.keys() ?? [])])) {
    counter.segmentsCompared += 1
    const i = Number(seg)
    const range: KeyRange =
      seg === '-1' || seg === 'null'
        ? { nullKeys: true }
        : {
            lower: i === 0 ? segment.range.lower : boundaries[i - 1],
            upper: i === boundaries.length ? segment.range.upper : boundaries[i],
          }
    const child: Segment = {
      range,
      source: source?.get(seg) ?? EMPTY,
      target: target?.get(seg) ?? EMPTY,
    }
    if (differs(child)) children.push(child)
  }
  return children
}

async function sampledSegments(
  sides: Sides,
  settings: LocateSettings,
  counter: Counter,
  whole: Segment,
): Promise<Segment[]> {
  const leaves: Segment[] = []
  let level: Segment[] = [whole]
  while (level.length > 0) {
    counter.levels += 1
    const next: Segment[] = []
    await Promise.all(
      level.map(async (segment) => {
        if (segment.range.nullKeys || totalRows(segment) <= settings.segmentRows) {
          leaves.push(segment)
          return
        }
        const children = await splitSampled(sides, segment, settings, counter)
        if (children === 'unsplittable') leaves.push(segment)
        else next.push(...children)
      }),
    )
    level = next
  }
  return leaves
}

/** Whether the key is one integer column on both sides, so that segments can be computed arithmetically. */
function integerKey(sides: Sides): boolean {
  return (
    sides.source.keys.length === 1 &&
    sides.source.keys[0]?.family === 'integer' &&
    sides.target.keys[0]?.family === 'integer'
  )
}

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
