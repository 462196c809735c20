import { catalog, type Language } from './language.js'
import { formatNumberText, separators } from './format.js'

/**
 * Formats exact decimal text for people: `-1234567.5` → `−1 234 567,5` in Swedish, `-1,234,567.5` in English.
 * Works on the text, so no precision is lost; anything that is not a decimal is returned unchanged.
 */
export function formatNumber(text: string, locale: Language, options: { signed?: boolean } = {}): string {
  return formatNumberText(text, locale, options)
}

/** A percentage with its sign: `−0,0356 %` / `-0.0356%` (the digits as computed, with the language's point). */
export function formatPercent(percent: number, negative: boolean, locale: Language): string {
  const sign = negative ? '−' : '+'
  const digits = String(percent).replace('.', separators(locale).point)
  const spaced = new Intl.NumberFormat(catalog(locale).tag, { style: 'percent' })
    .format(0.5)
    .includes('\u00a0')
  return spaced ? `${sign}${digits}\u00a0%` : `${sign}${digits}%`
}

/** A duration for people, in whole units: `3 d 4 h`, `5 h 10 min`, `12 min` (sv) or `3d 4h`, `5h 10m`, `12m` (en). */
export function formatAge(ms: number, locale: Language): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  const hours = Math.floor(minutes / 60)
  const days = Math.floor(hours / 24)
  const { shortUnits: u, shortUnitSpaced } = catalog(locale)
  const gap = shortUnitSpaced ? ' ' : ''
  if (days >= 1) return `${days}${gap}${u.d} ${hours % 24}${gap}${u.h}`
  if (hours >= 1) return `${hours}${gap}${u.h} ${minutes % 60}${gap}${u.m}`
  return `${minutes}${gap}${u.m}`
}
