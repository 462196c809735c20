/**
 * The shared vocabulary of locating differing rows: sides, segments, key ranges, their SQL conditions, grouped
 * count-and-checksum statements, and fetching (key, row hash) pairs. The strategies that cut the key space into
 * segments live in integer-segments.ts and sampled-segments.ts; locate.ts drives them.
 */
import type { SqlParam, Statement, TypeFamily } from '../dialects/dialect.js'
import type { SidePlan } from '../runner/plan.js'
import { textOf } from '../check-kinds/check-kind.js'

/** Most segments the first grouped query over integer keys may return per side. */
export const MAX_INTEGER_FANOUT = 1024
/** Children a differing integer segment may be split into below the first level (widths are powers of two). */
const CHILD_FANOUTS = [2, 4, 8, 16] as const
/**
 * Children per differing segment while the differing segments hold much of the dataset (many differences spread
 * over it): every level re-reads those rows, so fewer, wider levels cost less time than fewer rows fetched.
 */
export const WIDE_CHILD_FANOUT = 16
/** The share of all rows inside differing segments above which a level splits wide. */
export const WIDE_SPLIT_SHARE = 1 / 8
/** Most boundaries one sampled split may use: each is a bound parameter, and SQL Server allows 2,100 per query. */
export const MAX_SAMPLED_FANOUT = 256
/** Bound parameters per statement kept under SQL Server's limit of 2,100. */
export const MAX_PARAMETERS = 1800
/**
 * Key ranges ORed in one statement: the engine rechecks each fetched row against every range, so a long list
 * costs rows × ranges; 64 keeps that small while batching most levels into a few queries.
 */
export const MAX_RANGES_PER_QUERY = 64

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
  /** SQL of the canonical key text: the key columns' checksum row text (fields joined by `|;`). */
  readonly keyText: string
  /** SQL of each checked column's own hash (the row hash of a one-field row), in the order of the columns. */
  readonly columnHashes: readonly string[]
  /** Rows on this side (from the checksum scan). */
  readonly rows: bigint
}

/** Limits of one locate run. */
export interface LocateSettings {
  /** A segment with at most this many rows on both sides together is fetched as keys and hashes. */
  readonly segmentRows: number
  /**
   * Most rows fetched into this process, both sides together: per-segment (or per-bucket) count-and-checksum rows
   * and key rows alike. Locating stops before a step that could pass it; what is left is reported unlocated.
   */
  readonly maxRowsFetched: number
  /** Wall-clock budget of locating, in ms: no further query starts once it is spent. */
  readonly maxDurationMs: number
  /** The clock the time budget is read from, in ms (`performance.now` unless a test injects one). */
  readonly now: () => number
}

/** One fetched row: its row hash and, in the order of the checked columns, each column's own hash. */
export interface FetchedRow {
  readonly hash: string
  readonly columns: readonly string[]
}

/** Fetched rows per canonical key, as fetched from one side. */
export type KeyHashes = Map<string, FetchedRow[]>

/** What locating found and what it cost. */
export interface LocateOutcome {
  readonly source: KeyHashes
  readonly target: KeyHashes
  /** `buckets`: buckets of a hash of the canonical key text (hash-buckets.ts). */
  readonly strategy: 'buckets' | 'integer' | 'sampled'
  /** Whether every differing segment was fetched (false when a budget ran out). */
  readonly complete: boolean
  /** Which budget stopped locating, when one did. */
  readonly stoppedBy?: 'rows' | 'time'
  /** Scans (locate queries) per side. */
  readonly scans: { readonly source: number; readonly target: number }
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

/** The statistics of a segment a side has no rows in. */
export const EMPTY: Stats = { rows: 0n, sum: '0' }

/** A part of the key space: lower bound inclusive, upper exclusive, as canonical key text per key column. */
export interface KeyRange {
  readonly lower?: readonly string[]
  readonly upper?: readonly string[]
  /** Rows with a NULL in a key column (they belong to no range). */
  readonly nullKeys?: true
}

/** A key range and each side's count and checksum within it. */
export interface Segment {
  readonly range: KeyRange
  readonly source: Stats
  readonly target: Stats
}

/** Whether the sides disagree on a segment's count or checksum. */
export const differs = (s: Segment) => s.source.rows !== s.target.rows || s.source.sum !== s.target.sum
/** Rows of a segment on both sides together. */
export const totalRows = (s: Segment) => Number(s.source.rows + s.target.rows)

/** What locating cost: queries sent, rows fetched, segments compared, levels descended. */
export class Counter {
  queries = 0
  segmentRows = 0
  keyRows = 0
  segmentsCompared = 0
  levels = 0
  readonly scans = { source: 0, target: 0 }
}

/**
 * The row and time budgets of one locate run over its counter: a step asks before it starts, with the most rows
 * it can fetch, and is refused once either budget would be passed; the first refusal is remembered.
 */
export class Budget {
  private readonly deadline: number
  stoppedBy: 'rows' | 'time' | undefined

  constructor(
    private readonly settings: LocateSettings,
    private readonly counter: Counter,
  ) {
    this.deadline = settings.now() + settings.maxDurationMs
  }

  /** Rows that may still be fetched. */
  rowsLeft(): number {
    return Math.max(0, this.settings.maxRowsFetched - this.counter.segmentRows - this.counter.keyRows)
  }

  /** Whether a step that fetches at most `rows` rows may start now. */
  allows(rows: number): boolean {
    if (this.settings.now() >= this.deadline) this.stoppedBy ??= 'time'
    else if (rows > this.rowsLeft()) this.stoppedBy ??= 'rows'
    else return true
    return false
  }
}

/** Runs one locate statement on a side (through its connection's limit and timeout) and counts it. */
export async function run(side: LocateSide, statement: Statement, counter: Counter, kind: 'segment' | 'key') {
  counter.queries += 1
  counter.scans[side.plan.side] += 1
  const { rows } = await side.plan.connection.query<Record<string, unknown>>(statement)
  if (kind === 'segment') counter.segmentRows += rows.length
  else counter.keyRows += rows.length
  return rows
}

/** A bound parameter holding canonical key text, cast to the type of key column `i` on that side. */
export const param = (side: LocateSide, i: number, value: string): Statement =>
  side.plan.dialect.keyParam({ param: value } satisfies SqlParam, side.keys[i]?.family ?? 'text')

/** The expression key column `i` is ordered by (a binary collation for text, so both engines agree). */
export const orderOf = (side: LocateSide, i: number): string => {
  const key = side.keys[i]
  if (key === undefined) throw new RangeError(`no key column ${i}`)
  return side.plan.dialect.keyOrder(key.expr, key.family)
}

/** `key < tuple` or `key >= tuple`, lexicographic over the key columns, in each side's comparable types. */
export function compareTuple(side: LocateSide, tuple: readonly string[], op: '<' | '>='): Statement {
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

/** The condition that selects the rows of one key range. */
export function rangeCondition(side: LocateSide, range: KeyRange): Statement {
  if (range.nullKeys) return [side.keys.map((k) => `${k.expr} IS NULL`).join(' OR ')]
  const parts: Statement[] = []
  if (range.lower !== undefined) parts.push(compareTuple(side, range.lower, '>='))
  if (range.upper !== undefined) parts.push(compareTuple(side, range.upper, '<'))
  if (parts.length === 0) return ['1 = 1']
  return parts.flatMap((p, i) => [i === 0 ? '(' : ' AND (', ...p, ')'])
}

/** The condition that selects the rows of any of several key ranges. */
export const anyCondition = (side: LocateSide, ranges: readonly KeyRange[]): Statement =>
  ranges.flatMap((r, i) => [i === 0 ? '(' : '\n   OR (', ...rangeCondition(side, r), ')'])

/** Splits ranges into groups whose conditions stay under the parameter limit. */
export function chunks(ranges: readonly KeyRange[], keyColumns: number): KeyRange[][] {
  const perRange = Math.max(1, keyColumns * (keyColumns + 1))
  const size = Math.max(1, Math.min(MAX_RANGES_PER_QUERY, Math.floor(MAX_PARAMETERS / perRange) - 1))
  const out: KeyRange[][] = []
  for (let i = 0; i < ranges.length; i += size) out.push(ranges.slice(i, i + size))
  return out
}

/** Count and checksum per segment id on one side: `seg` is an SQL expression over the dataset's row. */
export function groupedStatement(side: LocateSide, seg: Statement, where: Statement): Statement {
  const d = side.plan.dialect
  return [
    `SELECT s.seg AS seg, ${d.countRows()} AS n, ${d.sumRowHashes('s.h')} AS h\nFROM (SELECT `,
    ...seg,
    ` AS seg, ${side.rowHash} AS h\n`,
    ...side.plan.fromWhere(where),
    '\n) AS s\nGROUP BY s.seg',
  ]
}

/** Reads the per-segment count and checksum rows of a grouped statement, by segment. */
export function readStats(rows: readonly Record<string, unknown>[]): Map<string, Stats> {
  const out = new Map<string, Stats>()
  for (const row of rows) {
    const seg = textOf(row.seg) ?? 'null'
    out.set(seg, { rows: BigInt(textOf(row.n) ?? '0'), sum: textOf(row.h) ?? '0' })
  }
  return out
}

/** Fetches (key, row hash, column hashes) of every row in `ranges` on one side, at most `limit` rows. */
export async function fetchKeys(
  side: LocateSide,
  ranges: readonly KeyRange[],
  limit: number,
  counter: Counter,
  into: KeyHashes,
): Promise<void> {
  for (const group of chunks(ranges, side.keys.length)) {
    await fetchRows(side, anyCondition(side, group), limit - counter.keyRows, counter, into)
  }
}

/**
 * Fetches the canonical key, the row hash and each checked column's hash (never a value) of at most `limit`
 * rows of one side that satisfy `condition`. The column hashes let changed rows say which columns differ.
 */
export async function fetchRows(
  side: LocateSide,
  condition: Statement,
  limit: number,
  counter: Counter,
  into: KeyHashes,
): Promise<void> {
  const d = side.plan.dialect
  const columns = side.columnHashes.map((c, i) => `, ${d.canonicalText(c, 'integer')} AS c${i}`).join('')
  const select: Statement = [
    `SELECT ${side.keyText} AS k, ${d.canonicalText(side.rowHash, 'integer')} AS h${columns}\n`,
    ...side.plan.fromWhere(condition),
  ]
  const rows = await run(side, d.limitRows(select, Math.max(0, limit)), counter, 'key')
  for (const row of rows) {
    const key = textOf(row.k) ?? ''
    const fetched: FetchedRow = {
      hash: textOf(row.h) ?? '',
      columns: side.columnHashes.map((_, i) => textOf(row[`c${i}`]) ?? ''),
    }
    const list = into.get(key)
    if (list === undefined) into.set(key, [fetched])
    else list.push(fetched)
  }
}

/** The smallest power of two at least `n`. */
export const nextPowerOfTwo = (n: bigint): bigint => {
  let p = 1n
  while (p < n) p *= 2n
  return p
}

/**
 * How to treat a differing segment of `rows` rows (both sides) so that isolating one difference inside it fetches
 * the fewest rows: 0 to fetch it as keys and hashes (only when it has at most `segmentRows` rows), else the
 * number of children to split it into. A split fetches 2 aggregate rows per child (one per side), and the child
 * holding the difference is then treated the same way. Sparse differences are the case this optimises: a segment
 * holding several gets split where fetching it whole would have been as cheap.
 */
export function childFanout(rows: number, segmentRows: number): number {
  return cheapest(rows, segmentRows, 12, new Map()).fanout
}

function cheapest(
  rows: number,
  segmentRows: number,
  depth: number,
  memo: Map<string, { cost: number; fanout: number }>,
): { cost: number; fanout: number } {
  const key = `${rows}:${depth}`
  const known = memo.get(key)
  if (known !== undefined) return known
  let best = { cost: rows <= segmentRows ? rows : Number.POSITIVE_INFINITY, fanout: 0 }
  for (const f of depth === 0 ? [] : CHILD_FANOUTS) {
    if (rows / f < 1) break
    // One row-equivalent per level: between equal row counts, fewer levels (fewer queries) win.
    const cost = 2 * f + 1 + cheapest(rows / f, segmentRows, depth - 1, memo).cost
    if (cost < best.cost) best = { cost, fanout: f }
  }
  memo.set(key, best)
  return best
}

/** Fanout that makes children of about half a leaf: `rows` over `segmentRows / 2`, at least 2. */
export const fanout = (rows: number, settings: LocateSettings, max: number) =>
  Math.min(max, Math.max(2, Math.ceil(rows / Math.max(1, settings.segmentRows / 2))))

/** Both sides of a located check. */
export interface Sides {
  readonly source: LocateSide
  readonly target: LocateSide
}
