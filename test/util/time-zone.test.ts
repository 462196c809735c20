import { describe, expect, it } from 'vitest'
import {
  formatInZone,
  localWallToUtcMs,
  timestampToUtcMs,
  toLocalText,
  toUtcText,
} from '../../src/util/time-zone.js'

const Z = 'Europe/Stockholm'
const iso = (ms: number) => new Date(ms).toISOString()

describe('time zone conversions (Europe/Stockholm)', () => {
  it('reads winter and summer wall-clock times with their offsets', () => {
    expect(iso(localWallToUtcMs(Date.UTC(2026, 0, 15, 12, 0), Z))).toBe('2026-01-15T11:00:00.000Z')
    expect(iso(localWallToUtcMs(Date.UTC(2026, 6, 15, 12, 0), Z))).toBe('2026-07-15T10:00:00.000Z')
  })

  it('maps a time in the skipped hour of the spring change one hour later on the wall clock', () => {
    // 2026-03-29 02:30 does not exist: clocks go from 02:00 to 03:00.
    expect(iso(localWallToUtcMs(Date.UTC(2026, 2, 29, 2, 30), Z))).toBe('2026-03-29T01:30:00.000Z')
    expect(formatInZone(Date.parse('2026-03-29T01:30:00Z'), Z)).toBe('2026-03-29 03:30:00')
  })

  it('chooses the earlier instant in the repeated hour of the autumn change', () => {
    // 2026-10-25 02:30 happens twice: at 00:30Z (summer time) and 01:30Z (winter time).
    expect(iso(localWallToUtcMs(Date.UTC(2026, 9, 25, 2, 30), Z))).toBe('2026-10-25T00:30:00.000Z')
  })

  it('keeps fraction digits when converting between local and UTC text', () => {
    expect(toUtcText('2026-07-01T12:00:00.1234567', Z)).toBe('2026-07-01T10:00:00.1234567Z')
    expect(toLocalText('2026-01-01T23:30:00.5Z', Z)).toBe('2026-01-02T00:30:00.5')
    expect(toLocalText('2026-01-01T12:00:00+05:00', Z)).toBe('2026-01-01T08:00:00')
    expect(timestampToUtcMs('1969-12-31T23:59:59.5Z', Z)).toBe(-500)
  })
})
