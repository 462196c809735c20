import type { Statement } from '../dialects/dialect.js'
import { textOf } from '../check-kinds/check-kind.js'
import {
  MAX_INTEGER_FANOUT,
  childFanout,
  WIDE_CHILD_FANOUT,
  WIDE_SPLIT_SHARE,
  type LocateSettings,
  type Stats,
  EMPTY,
  type KeyRange,
  type Segment,
  differs,
  totalRows,
  type Counter,
  run,
  param,
  anyCondition,
  chunks,
  groupedStatement,
  readStats,
  nextPowerOfTwo,
  fanout,
  type Sides,
} from './segments.js'

/** Splits the key space of one integer key arithmetically: buckets of a power-of-two width from the minimum. */
export async function integerSegments(
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
      if (seg === 'null' || w === 1n || childFanout(totalRows(segment), settings.segmentRows) === 0) {
        leaves.push(segment)
      } else next.push(segment)
    }
    if (next.length === 0) return leaves
    // One width per level: the biggest differing segment decides it.
    const biggest = Math.max(...next.map(totalRows))
    const differing = next.reduce((sum, segment) => sum + totalRows(segment), 0)
    const f = BigInt(
      differing > all * WIDE_SPLIT_SHARE ? WIDE_CHILD_FANOUT : childFanout(biggest, settings.segmentRows),
    )
    width = w / nextPowerOfTwo(f) > 0n ? w / nextPowerOfTwo(f) : 1n
    candidates = next.map((s) => s.range)
  }
}

/** Whether the key is one integer column on both sides, so that segments can be computed arithmetically. */
export function integerKey(sides: Sides): boolean {
  return (
    sides.source.keys.length === 1 &&
    sides.source.keys[0]?.family === 'integer' &&
    sides.target.keys[0]?.family === 'integer'
  )
}
