const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}

const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/

/**
 * Parses a duration such as `90s`, `5m`, `26h`, `1d12h` into milliseconds.
 * Returns `undefined` when the text is not a duration, so callers can report it in context.
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '')
  if (!DURATION_RE.test(compact)) return undefined
  let total = 0
  for (const match of compact.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    const [, amount, unit] = match
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0)
  }
  return Math.round(total)
}

/** Formats milliseconds as a short human duration: `3d 4h`, `2h 05m`, `41s`, `850ms`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : ''
  const abs = Math.abs(ms)
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(abs < 10_000 ? 1 : 0)}s`
  const minutes = Math.floor(abs / 60_000)
  if (minutes < 60) return `${sign}${minutes}m ${String(Math.floor((abs % 60_000) / 1000)).padStart(2, '0')}s`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${sign}${hours}h ${String(minutes % 60).padStart(2, '0')}m`
  return `${sign}${Math.floor(hours / 24)}d ${hours % 24}h`
}
