import { describe, expect, it } from 'vitest'
import { cronMatcher, dueSlots } from '../../src/scheduler/slots.js'

const ZONE = 'Europe/Stockholm'
const HOUR = 3_600_000
const slotsAt = (cron: string, now: string, catchUpMs = 6 * HOUR) =>
  dueSlots({ schedule: 's', cron, now: new Date(now), timezone: ZONE, catchUpMs }).map((s) => [
    s.slot,
    s.dueAt.toISOString(),
  ])

describe('schedule slots across daylight saving (Europe/Stockholm)', () => {
  it('runs a slot inside the hour skipped on 2026-03-29 once, one wall-clock hour later', () => {
    // 01:59 CET: the clock jumps from 02:00 to 03:00 a minute later.
    expect(slotsAt('30 2 * * *', '2026-03-29T00:59:00Z')).toEqual([])
    // 03:00 CEST: 02:30 has not come yet on the old offset.
    expect(slotsAt('30 2 * * *', '2026-03-29T01:00:00Z')).toEqual([])
    expect(slotsAt('30 2 * * *', '2026-03-29T01:30:00Z')).toEqual([
      ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'],
    ])
    // Later that night the same one slot, never a second.
    expect(slotsAt('30 2 * * *', '2026-03-29T03:00:00Z')).toEqual([
      ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'],
    ])
  })

  it('runs a slot inside the hour repeated on 2026-10-25 once, at its first occurrence', () => {
    // 02:59 CEST, the first pass through the hour.
    expect(slotsAt('30 2 * * *', '2026-10-25T00:59:00Z')).toEqual([
      ['2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
    ])
    // 02:59 CET, the second pass: still the one slot, with the same name, so its claim holds.
    expect(slotsAt('30 2 * * *', '2026-10-25T01:59:00Z')).toEqual([
      ['2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
    ])
  })

  it('keeps the local time on both sides of a change: 04:15 is 03:15Z in winter and 02:15Z in summer', () => {
    expect(slotsAt('15 4 * * *', '2026-03-28T05:00:00Z')).toEqual([
      ['2026-03-28T04:15', '2026-03-28T03:15:00.000Z'],
    ])
    expect(slotsAt('15 4 * * *', '2026-03-29T05:00:00Z')).toEqual([
      ['2026-03-29T04:15', '2026-03-29T02:15:00.000Z'],
    ])
  })

  it('offers a missed slot only within the catch-up window', () => {
    expect(slotsAt('15 4 * * *', '2026-11-23T09:00:00Z', 6 * HOUR)).toEqual([
      ['2026-11-23T04:15', '2026-11-23T03:15:00.000Z'],
    ])
    expect(slotsAt('15 4 * * *', '2026-11-23T09:30:00Z', 6 * HOUR)).toEqual([])
  })

  it('matches day fields like cron: weekdays only, and either day when both are restricted', () => {
    const weekdays = cronMatcher('0 7 * * mon-fri')
    expect(weekdays(new Date('2026-11-23T07:00:00Z'))).toBe(true) // a Monday, as wall time
    expect(weekdays(new Date('2026-11-22T07:00:00Z'))).toBe(false) // a Sunday
    const either = cronMatcher('0 7 1 * 0')
    expect(either(new Date('2026-11-01T07:00:00Z'))).toBe(true)
    expect(either(new Date('2026-11-22T07:00:00Z'))).toBe(true)
    expect(either(new Date('2026-11-23T07:00:00Z'))).toBe(false)
  })
})
