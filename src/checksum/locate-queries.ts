/**
 * The shared vocabulary of locating differing rows (docs/checksum.md, "Locating"): the two sides, the limits and
 * budgets, what locating found and cost, and the statements every level runs: a grouped count-and-checksum per
 * bucket, and fetching (key, row hash, column hashes) rows. hash-buckets.ts cuts the rows into buckets with them;
 * locate.ts drives it.
 */
import type { Statement, TypeFamily } from '../dialects/dialect.js'
import type { SidePlan } from '../plan/side-plan.js'
import { textOf } from '../plan/check-kind.js'
import type { Bucketing } from './hash-buckets.js'

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
  /** `segment_rows`: a bucket with at most about this many rows on both sides together is fetched as keys. */
  readonly segmentRows: number
  /**
   * Most rows fetched into this process, both sides together: per-bucket count-and-checksum rows
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
  /** `buckets`, the only strategy (hash-buckets.ts); stored results of older versions may say `integer`. */
  readonly strategy: 'buckets'
  /**
   * How rows were bucketed (hash-buckets.ts): `integer_key` (integer arithmetic on a key whose columns are all
   * integers) or `key_md5` (MD5 of the canonical key text).
   */
  readonly bucketing: Bucketing
  /** Whether every differing bucket was fetched (false when a budget ran out). */
  readonly complete: boolean
  /** Which budget stopped locating, when one did. */
  readonly stoppedBy?: 'rows' | 'time'
  /** Scans (locate queries) per side. */
  readonly scans: { readonly source: number; readonly target: number }
  /** Differing buckets left unfetched (`segments`, the stored name), and their rows per side. */
  readonly unlocated: { readonly segments: number; readonly sourceRows: number; readonly targetRows: number }
  readonly queries: number
  /** Count-and-checksum rows (one per bucket and side) fetched. */
  readonly segmentRowsFetched: number
  /** Key+hash rows fetched. */
  readonly keyRowsFetched: number
  /** Buckets whose count and checksum were compared. */
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

/** The statistics of a bucket a side has no rows in. */
export const EMPTY: Stats = { rows: 0n, sum: '0' }

/** What locating cost: queries sent, rows fetched, buckets compared, levels descended. */
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

/**
 * Count and checksum per bucket on one side, grouped in the dialect's shape for few groups (`hashGroupBy`):
 * `seg` is an SQL expression over the dataset's row.
 */
export function groupedStatement(side: LocateSide, seg: Statement, where: Statement): Statement {
  const d = side.plan.dialect
  return d.hashGroupBy(
    `s.seg AS seg, ${d.countRows()} AS n, ${d.sumRowHashes('s.h')} AS h`,
    ['SELECT ', ...seg, ` AS seg, ${side.rowHash} AS h\n`, ...side.plan.fromWhere(where)],
    's',
    's.seg',
  )
}

/** Reads the per-bucket count and checksum rows of a grouped statement, by bucket. */
export function readStats(rows: readonly Record<string, unknown>[]): Map<string, Stats> {
  const out = new Map<string, Stats>()
  for (const row of rows) {
    const seg = textOf(row.seg) ?? 'null'
    out.set(seg, { rows: BigInt(textOf(row.n) ?? '0'), sum: textOf(row.h) ?? '0' })
  }
  return out
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

/** Both sides of a located check. */
export interface Sides {
  readonly source: LocateSide
  readonly target: LocateSide
}
