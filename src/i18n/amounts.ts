import type { Language } from './language.js'

/**
 * Formats exact decimal text for people: `-1234567.5` → `−1 234 567,5` in Swedish, `-1,234,567.5` in English.
 * Works on the text, so no precision is lost; anything that is not a decimal is returned unchanged.
 */
export function formatNumber(text: string, locale: Language, options: { signed?: boolean } = {}): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (m === null) return text
  const [, minus = '', whole = '', fraction] = m
  const group = locale === 'sv' ? '\u00a0' : ','
  const point = locale === 'sv' ? ',' : '.'
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  const sign = minus === '-' ? '−' : options.signed === true && text !== '0' ? '+' : ''
  return `${sign}${grouped}${fraction === undefined ? '' : `${point}${fraction}`}`
}

/** A percentage with its sign: `−0,0356 %` / `-0.0356%`. */
export function formatPercent(percent: number, negative: boolean, locale: Language): string {
  const sign = negative ? '−' : '+'
  const digits = String(percent)
  return locale === 'sv' ? `${sign}${digits.replace('.', ',')}\u00a0%` : `${sign}${digits}%`
}

/** A duration for people, in whole units: `3 d 4 h`, `5 h 10 min`, `12 min` (sv) or `3d 4h`, `5h 10m`, `12m` (en). */
export function formatAge(ms: number, locale: Language): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  const hours = Math.floor(minutes / 60)
  const days = Math.floor(hours / 24)
  const sv = locale === 'sv'
  if (days >= 1) return sv ? `${days} d ${hours % 24} h` : `${days}d ${hours % 24}h`
  if (hours >= 1) return sv ? `${hours} h ${minutes % 60} min` : `${hours}h ${minutes % 60}m`
  return sv ? `${minutes} min` : `${minutes}m`
}
