import { describe, expect, it } from 'vitest'
import { addDays, localDateTime, nightlyCutoff } from '../../src/demo/local-time.js'

const zone = 'Europe/Stockholm'

describe('nightlyCutoff', () => {
  it.each([
    // [now (UTC), expected cutoff (local)]
    ['2025-01-15T02:09:59Z', '2025-01-14T03:10:00'], // 03:09:59 CET: tonight's load has not finished
    ['2025-01-15T02:10:00Z', '2025-01-15T03:10:00'], // 03:10 CET
    ['2025-07-01T01:10:00Z', '2025-07-01T03:10:00'], // 03:10 CEST, two hours ahead of UTC
    ['2025-07-01T01:09:00Z', '2025-06-30T03:10:00'],
    ['2025-03-30T01:05:00Z', '2025-03-29T03:10:00'], // spring forward: 03:05 CEST, a fixed +1 would say 02:05
    ['2025-03-30T01:10:00Z', '2025-03-30T03:10:00'],
    ['2025-10-26T00:30:00Z', '2025-10-25T03:10:00'], // fall back: 02:30 CEST, the first of two 02:30s
    ['2025-10-26T01:30:00Z', '2025-10-25T03:10:00'], // 02:30 CET, the second
    ['2025-10-26T02:10:00Z', '2025-10-26T03:10:00'], // 03:10 CET, 25 hours after the previous cutoff
    ['2025-01-01T01:00:00Z', '2024-12-31T03:10:00'], // 02:00 on New Year's Day
  ])('at %s the last load finished at %s local time', (now, cutoff) => {
    expect(nightlyCutoff(new Date(now), zone)).toBe(cutoff)
  })
})

describe('localDateTime and addDays', () => {
  it('gives the wall-clock time with a 24-hour clock', () => {
    expect(localDateTime(new Date('2025-06-30T22:30:05Z'), zone)).toBe('2025-07-01T00:30:05')
  })
  it('does calendar arithmetic across months and leap days', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
  })
})
