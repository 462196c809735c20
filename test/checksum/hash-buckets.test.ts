import { describe, expect, it } from 'vitest'
import { bucketFanout, firstLevelBuckets, MAX_FIRST_LEVEL } from '../../src/checksum/hash-buckets.js'
import type { LocateSettings } from '../../src/checksum/locate.js'

const settings = (segmentRows: number, maxRowsFetched: number): LocateSettings => ({
  segmentRows,
  maxRowsFetched,
  maxDurationMs: 600_000,
  now: () => 0,
})

describe('firstLevelBuckets', () => {
  it('makes buckets of at most segment_rows / 2 rows, which are fetched right away, while the caps allow', () => {
    for (const rows of [1_000, 100_000, 2_000_000]) {
      const buckets = firstLevelBuckets(rows, settings(64, 2_000_000))
      expect(rows / buckets).toBeLessThanOrEqual(32)
      // The average bucket is fetched as keys, not split: two scans per side.
      expect(bucketFanout(rows / buckets, 64)).toBe(0)
      // And twice its rows would still be fetched, so an unlucky bucket adds no level either.
      expect(bucketFanout((2 * rows) / buckets, 64)).toBe(0)
    }
  })

  it('is a power of two, at most 65,536, and costs at most a sixth of the row budget', () => {
    expect(firstLevelBuckets(20_000_000, settings(64, 2_000_000))).toBe(MAX_FIRST_LEVEL)
    const small = firstLevelBuckets(2_000_000, settings(64, 200_000))
    expect(small).toBe(32_768)
    expect(2 * small).toBeLessThanOrEqual(200_000 / 3)
    expect(firstLevelBuckets(10, settings(64, 100))).toBe(1)
    expect(firstLevelBuckets(100_000, settings(16, 100))).toBe(16)
  })
})

describe('bucketFanout', () => {
  it('splits a bucket too big to fetch, into children that are then fetched', () => {
    const f = bucketFanout(305, 64)
    expect(f).toBeGreaterThan(1)
    expect(bucketFanout(305 / f, 64)).toBe(0)
  })
})
