import type { Statement } from '../dialects/dialect.js'
import { textOf } from '../check-kinds/check-kind.js'
import {
  MAX_SAMPLED_FANOUT,
  MAX_PARAMETERS,
  type LocateSide,
  type LocateSettings,
  EMPTY,
  type KeyRange,
  type Segment,
  differs,
  totalRows,
  type Counter,
  run,
  orderOf,
  compareTuple,
  rangeCondition,
  groupedStatement,
  readStats,
  fanout,
  type Sides,
} from './segments.js'

/** Boundaries that split `range` into about `parts` pieces, sampled in key order from the side with more rows. */
export async function sampleBoundaries(
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
export function segmentTree(
  side: LocateSide,
  boundaries: readonly string[][],
  lo: number,
  hi: number,
): Statement {
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
export async function splitSampled(
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

/**
 * Locates by sampled boundaries (any key: text, dates, uuids, composite): splits the whole range, then each
 * differing segment again, until segments are small enough to fetch; returns the differing leaves.
 */
export async function sampledSegments(
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
