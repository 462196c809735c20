import { formatInZone } from '../util/time-zone.js'

/** A naive local timestamp, `YYYY-MM-DDTHH:MM:SS`, as the source systems store them (no offset). */
export type LocalDateTime = string

/** The wall-clock time of `instant` in `timeZone` (an IANA name), to the second, e.g. `2024-10-27T02:30:00`. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  return formatInZone(instant.getTime(), timeZone).replace(' ', 'T')
}

/** Calendar arithmetic on a `YYYY-MM-DD` date: `days` later (negative for earlier). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/**
 * When the nightly load's snapshot was taken, as naive local time: `loadTime` (default `03:10:00`) of the most
 * recent night at or before `now` in `timeZone`. Before 03:10 local time that is the previous night's 03:10.
 * The comparison is on the local wall clock, so it holds across daylight-saving changes (03:10 is never skipped
 * or repeated in Europe/Stockholm: the clocks change between 02:00 and 03:00).
 */
export function nightlyCutoff(now: Date, timeZone: string, loadTime = '03:10:00'): LocalDateTime {
  const local = localDateTime(now, timeZone)
  const today = local.slice(0, 10)
  const night = local.slice(11) < loadTime ? addDays(today, -1) : today
  return `${night}T${loadTime}`
}
