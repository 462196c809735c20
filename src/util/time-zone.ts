/**
 * Conversions between naive local timestamps (as SQL Server `datetime2` and PostgreSQL `timestamp` store them)
 * and instants, in an IANA time zone. Canonical timestamp text is `YYYY-MM-DDTHH:MM:SS[.fraction]` for local
 * time and the same with a `Z` suffix for UTC; fractions are kept as text so no precision is lost.
 */

const LOCAL_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A timestamp split into whole-second instant parts and its fraction digits. */
interface ParsedTimestamp {
  readonly wallMs: number
  readonly fraction: string
  readonly zone: 'local' | 'utc' | { offsetMinutes: number }
}

function parse(text: string): ParsedTimestamp | undefined {
  const m = LOCAL_RE.exec(text.trim())
  if (m === null) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  if (zone === undefined) return { wallMs, fraction, zone: 'local' }
  if (zone === 'Z') return { wallMs, fraction, zone: 'utc' }
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return {
    wallMs,
    fraction,
    zone: { offsetMinutes: sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) },
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Offset of `zone` from UTC at the instant `utcMs`, in ms. */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  let fmt = formatters.get(zone)
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, fmt)
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]))
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return asUtc - Math.floor(utcMs / 1000) * 1000
}

/**
 * The instant of a local wall-clock time in `zone`. In the repeated hour of a DST change the earlier instant is
 * chosen; a time inside the skipped hour maps to the instant one hour later on the wall clock.
 */
export function localWallToUtcMs(wallMs: number, zone: string): number {
  // Zone offsets change at most once within a day, so the offsets 12 hours either side bracket any transition.
  const before = wallMs - zoneOffsetMs(wallMs - 43_200_000, zone)
  const after = wallMs - zoneOffsetMs(wallMs + 43_200_000, zone)
  const valid = (t: number) => t + zoneOffsetMs(t, zone) === wallMs
  if (valid(before) && valid(after)) return Math.min(before, after)
  if (valid(after)) return after
  return before
}

function two(n: number): string {
  return String(n).padStart(2, '0')
}

function formatWall(wallMs: number, fraction: string): string {
  const d = new Date(wallMs)
  const base = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
  return fraction === '' ? base : `${base}.${fraction}`
}

/** Whether the text is a canonical or ISO timestamp this module understands. */
export function isTimestampText(text: string): boolean {
  return parse(text) !== undefined
}

/** Whether the text carries its own zone (`Z` or an offset). */
export function isAbsoluteTimestamp(text: string): boolean {
  return parse(text)?.zone !== 'local'
}

/** Milliseconds since the epoch of a timestamp text; naive text is read in `zone`. */
export function timestampToUtcMs(text: string, zone: string): number {
  const p = parse(text)
  if (p === undefined) throw new RangeError(`not a timestamp: ${JSON.stringify(text)}`)
  const fractionMs = p.fraction === '' ? 0 : Number(`0.${p.fraction}`) * 1000
  if (p.zone === 'local') return localWallToUtcMs(p.wallMs, zone) + fractionMs
  if (p.zone === 'utc') return p.wallMs + fractionMs
  return p.wallMs - p.zone.offsetMinutes * 60_000 + fractionMs
}

/** The same instant as UTC text with `Z`; naive input is read in `zone`. Fraction digits are kept. */
export function toUtcText(text: string, zone: string): string {
  const p = parse(text)
  if (p === undefined) throw new RangeError(`not a timestamp: ${JSON.stringify(text)}`)
  const utcWall =
    p.zone === 'local'
      ? localWallToUtcMs(p.wallMs, zone)
      : p.zone === 'utc'
        ? p.wallMs
        : p.wallMs - p.zone.offsetMinutes * 60_000
  return `${formatWall(utcWall, p.fraction)}Z`
}

/** The same instant as naive wall-clock text in `zone`; naive input is returned unchanged. */
export function toLocalText(text: string, zone: string): string {
  const p = parse(text)
  if (p === undefined) throw new RangeError(`not a timestamp: ${JSON.stringify(text)}`)
  if (p.zone === 'local') return formatWall(p.wallMs, p.fraction)
  const utc = p.zone === 'utc' ? p.wallMs : p.wallMs - p.zone.offsetMinutes * 60_000
  return formatWall(utc + zoneOffsetMs(utc, zone), p.fraction)
}

/** Formats an instant as local wall-clock text in `zone`, to the second: `2026-11-23 06:30:00`. */
export function formatInZone(utcMs: number, zone: string): string {
  return formatWall(utcMs + zoneOffsetMs(utcMs, zone), '').replace('T', ' ')
}
