import { describe, expect, it } from 'vitest'
import { childFanout } from '../../src/checksum/segments.js'

/** Rows fetched to isolate one difference in a segment of `rows` rows when every level splits as `choose` says. */
function rowsFetched(rows: number, choose: (rows: number) => number): { rows: number; levels: number } {
  let fetched = 0
  let levels = 0
  let size = rows
  for (let f = choose(size); f > 0; f = choose(size)) {
    fetched += 2 * f
    size /= f
    levels += 1
  }
  return { rows: fetched + size, levels }
}

describe('childFanout', () => {
  const segmentRows = 64

  it('fetches a segment whole only when it is within the threshold and splitting would not fetch fewer rows', () => {
    expect(childFanout(8, segmentRows)).toBe(0)
    expect(childFanout(3, segmentRows)).toBe(0)
    expect(childFanout(segmentRows + 1, segmentRows)).toBeGreaterThan(0)
    expect(childFanout(10_000, segmentRows)).toBeGreaterThan(0)
  })

  it('splits into a power of two of children, at most 16', () => {
    for (const rows of [65, 100, 1_000, 65_536, 1_000_000]) {
      expect([2, 4, 8, 16]).toContain(childFanout(rows, segmentRows))
    }
  })

  it('reaches a leaf within the threshold from any size, fetching fewer rows than a fixed fan-out of 16', () => {
    for (const rows of [128, 1_000, 32_768, 65_536, 250_000]) {
      const chosen = rowsFetched(rows, (size) => childFanout(size, segmentRows))
      const fixed = rowsFetched(rows, (size) => (size <= segmentRows ? 0 : 16))
      expect(chosen.rows).toBeLessThan(fixed.rows)
      expect(chosen.rows).toBeLessThanOrEqual(segmentRows + 2 * 16 * chosen.levels)
    }
  })

  it('isolates one difference among 65,536 rows with about one threshold of rows', () => {
    // 2 × f aggregate rows per level plus the leaf: the target "rows fetched ≤ 100 × threshold" for 100 differences.
    expect(rowsFetched(65_536, (size) => childFanout(size, segmentRows)).rows).toBeLessThanOrEqual(
      segmentRows,
    )
  })
})
