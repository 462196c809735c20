import type { Locale } from '../config/types.js'
import { formatDateTime, formatNumberText } from '../i18n/format.js'
import { catalog } from '../i18n/language.js'
import { isAbsoluteTimestamp, isTimestampText, timestampToUtcMs } from '../util/time-zone.js'

export { formatAge, formatNumber, formatPercent } from '../i18n/amounts.js'

/** A count or exact decimal text in the locale's one number format: `1 234 567,25` / `1,234,567.25`, minus `−`. */
export function reportNumber(value: number | string, locale: Locale): string {
  // The text itself, so every digit is kept, with the same separators and minus sign as the rest of the mail.
  return formatNumberText(String(value), locale)
}

/** A list joined the locale's way: `a, b och c` / `a, b and c`. */
export function reportList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(catalog(locale).tag, { type: 'conjunction' }).format(items)
}

/** An instant as local wall-clock time to the minute in `timezone`: `2026-11-23 04:31`. */
export function formatTime(iso: string, timezone: string): string {
  return formatDateTime(iso, timezone)
}

/**
 * Canonical timestamp text (a freshness value, a cutoff) as local wall-clock time to the second: an absolute one
 * (`…Z`, `…+01:00`) in `timezone`, a naive one as written, without the `T`. Any other text is returned unchanged.
 */
export function formatTimestamp(text: string, timezone: string): string {
  if (!isTimestampText(text)) return text
  if (!isAbsoluteTimestamp(text)) return text.replace('T', ' ').slice(0, 19)
  return formatDateTime(new Date(timestampToUtcMs(text, timezone)), timezone, true)
}

/** A run's status in the locale's words (`klar`, `avbruten`, `pågår`); a status this version does not know as is. */
export function runStatusText(status: string, locale: Locale): string {
  const words = catalog(locale).notify.report.runStatus
  return Object.hasOwn(words, status) ? words[status as keyof typeof words] : status
}
