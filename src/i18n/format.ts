import { catalog, type Language } from './language.js'

const DATE_TIME = new Map<string, Intl.DateTimeFormat>()

function dateTimeFormat(zone: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${withSeconds}`
  let format = DATE_TIME.get(key)
  if (format === undefined) {
    // sv-SE gives ISO order (2026-11-23 03:10), unambiguous for every reader, in both languages.
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    })
    DATE_TIME.set(key, format)
  }
  return format
}

/** An instant as `YYYY-MM-DD HH:MM` (or with seconds) in `zone`. */
export function formatDateTime(instant: Date | string, zone: string, withSeconds = false): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  return dateTimeFormat(zone, withSeconds).format(date)
}

/** The local calendar date `YYYY-MM-DD` of an instant in `zone`. */
export function localDate(instant: Date | string, zone: string): string {
  return formatDateTime(instant, zone).slice(0, 10)
}

const DECIMAL = /^-?\d+(\.\d+)?$/

const SEPARATORS = new Map<Language, { readonly group: string; readonly point: string }>()

/** The language's digit-group separator and decimal point, as `Intl` writes them (`\u00a0` and `,` in Swedish). */
export function separators(language: Language): { readonly group: string; readonly point: string } {
  let found = SEPARATORS.get(language)
  if (found === undefined) {
    const parts = new Intl.NumberFormat(catalog(language).tag).formatToParts(1234567.5)
    found = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      point: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    }
    SEPARATORS.set(language, found)
  }
  return found
}

/**
 * Exact decimal text (as results store it) with the language's separators: `1234567.5` → `1 234 567,5` (sv)
 * or `1,234,567.5` (en). Works on the text, so no precision is lost; negatives get a true minus sign `−`, and
 * `signed` adds `+` to positives. Text that is not a plain decimal is returned unchanged.
 */
export function formatNumberText(
  text: string,
  language: Language,
  options: { signed?: boolean } = {},
): string {
  if (!DECIMAL.test(text)) return text
  const negative = text.startsWith('-')
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.')
  const { group, point } = separators(language)
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  const sign = negative ? '−' : options.signed === true && /[1-9]/.test(text) ? '+' : ''
  return `${sign}${grouped}${fraction === undefined ? '' : `${point}${fraction}`}`
}

/** A number with the language's separators, e.g. a percentage `0,0356` (sv). */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 4): string {
  return new Intl.NumberFormat(catalog(language).tag, { maximumFractionDigits }).format(value)
}

/** The word for `n` things in the language: `one` or `other` by the language's plural rules (`1 körning`). */
export function plural(n: number, language: Language, forms: readonly [one: string, other: string]): string {
  return new Intl.PluralRules(catalog(language).tag).select(n) === 'one' ? forms[0] : forms[1]
}

/** `n` and its word: `1 körning`, `2 körningar`, `1 234 rader` (the count with the language's separators). */
export function countOf(n: number, language: Language, forms: readonly [one: string, other: string]): string {
  return `${formatNumberText(String(n), language)} ${plural(n, language, forms)}`
}

/** A duration in words for a reader: `26 timmar`, `1 day 12 hours`, `2 hours 30 minutes`. */
export function formatDurationWords(ms: number, language: Language): string {
  const units = catalog(language).units
  let rest = Math.round(Math.abs(ms) / 1000)
  const parts: string[] = []
  const take = (size: number, unit: keyof typeof units) => {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0) parts.push(`${n} ${plural(n, language, units[unit])}`)
  }
  // Hours up to two days read better than "1 dygn 2 timmar" for a 26-hour limit.
  if (Math.abs(ms) >= 48 * 3_600_000) take(86_400, 'd')
  take(3600, 'h')
  take(60, 'm')
  take(1, 's')
  if (parts.length === 0) return `0 ${units.s[1]}`
  return `${ms < 0 ? '−' : ''}${parts.join(' ')}`
}

/** A short duration for tables: `3 d 5 h`, `26 h`, `2 h 05 min`, `41 s`. */
export function formatDurationShort(ms: number): string {
  const sign = ms < 0 ? '−' : ''
  const abs = Math.abs(ms)
  if (abs < 60_000) return `${sign}${Math.round(abs / 1000)} s`
  const minutes = Math.floor(abs / 60_000)
  if (minutes < 60) return `${sign}${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48)
    return `${sign}${hours} h${minutes % 60 === 0 ? '' : ` ${String(minutes % 60).padStart(2, '0')} min`}`
  return `${sign}${Math.floor(hours / 24)} d${hours % 24 === 0 ? '' : ` ${hours % 24} h`}`
}
