import cron from 'node-cron'
import { localWallToUtcMs, zoneOffsetMs } from '../util/time-zone.js'

/** One occurrence of a schedule: its local wall-clock time, which names it, and the instant it is due. */
export interface Slot {
  readonly schedule: string
  /** Local wall-clock time of the cron match, `YYYY-MM-DDTHH:MM`: unique per schedule and night. */
  readonly slot: string
  readonly dueAt: Date
}

type Matcher = (wall: Date) => boolean

const matchers = new Map<string, Matcher>()

/**
 * A matcher of wall-clock minutes for a five-field cron expression, from node-cron's parser. Like Vixie cron,
 * when both day-of-month and day-of-week are restricted a day matching either counts.
 */
export function cronMatcher(expression: string): Matcher {
  const cached = matchers.get(expression)
  if (cached !== undefined) return cached
  const f = cron.parse(expression)
  const minutes = new Set(f.minute)
  const hours = new Set(f.hour)
  const months = new Set(f.month)
  const dom = new Set(f.dayOfMonth.filter((d): d is number => typeof d === 'number'))
  const dow = new Set(f.dayOfWeek.filter((d): d is number => typeof d === 'number').map((d) => d % 7))
  const domRestricted = dom.size < 31
  const dowRestricted = dow.size < 7
  const matcher: Matcher = (wall) => {
    if (!minutes.has(wall.getUTCMinutes()) || !hours.has(wall.getUTCHours())) return false
    if (!months.has(wall.getUTCMonth() + 1)) return false
    const byDom = dom.has(wall.getUTCDate())
    const byDow = dow.has(wall.getUTCDay())
    if (domRestricted && dowRestricted) return byDom || byDow
    return byDom && byDow
  }
  matchers.set(expression, matcher)
  return matcher
}

const MINUTE = 60_000

/**
 * The slots of a schedule that are due at `now` and at most `catchUpMs` late, oldest first. Slots are
 * enumerated as local wall-clock minutes, so each wall time is one slot whatever daylight saving does:
 * - a time in the hour skipped in spring (02:30 on 2026-03-29 in Stockholm) is due one hour later on the wall
 *   clock (03:30 CEST, the same instant 02:30 CET would have been), once;
 * - a time in the hour repeated in autumn (02:30 on 2026-10-25) is due at its first occurrence, once.
 */
export function dueSlots(options: {
  schedule: string
  cron: string
  now: Date
  timezone: string
  catchUpMs: number
}): Slot[] {
  const { now, timezone } = options
  const nowMs = now.getTime()
  const match = cronMatcher(options.cron)
  const earliest = nowMs - options.catchUpMs
  const wallStart = Math.floor((earliest + zoneOffsetMs(earliest, timezone)) / MINUTE) * MINUTE
  // One hour past the wall clock's "now": in the repeated hour the wall clock has already been further once.
  const wallEnd = nowMs + zoneOffsetMs(nowMs, timezone) + 60 * MINUTE
  const slots: Slot[] = []
  for (let wall = wallStart; wall <= wallEnd; wall += MINUTE) {
    const wallDate = new Date(wall)
    if (!match(wallDate)) continue
    const due = localWallToUtcMs(wall, timezone)
    if (due > nowMs || due < earliest) continue
    slots.push({
      schedule: options.schedule,
      slot: wallDate.toISOString().slice(0, 16),
      dueAt: new Date(due),
    })
  }
  return slots.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
}
