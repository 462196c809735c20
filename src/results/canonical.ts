import { NUMERIC_FAMILIES, TEMPORAL_FAMILIES, type TypeFamily } from '../dialects/dialect.js'
import { formatDecimal, parseDecimal } from '../util/decimal.js'

/**
 * Brings canonical text from either engine to one comparable form. The engines already render values as
 * canonical text (docs/canonical-values.md); what is left differs only in inessentials: trailing zeros of
 * decimals, the number of fraction digits of timestamps, and a date compared with a timestamp.
 */
export function comparableText(
  text: string | null,
  family: TypeFamily,
  otherFamily: TypeFamily = family,
): string | null {
  if (text === null) return null
  if (NUMERIC_FAMILIES.has(family)) {
    const parsed = parseDecimal(text)
    return parsed === undefined ? text : formatDecimal(parsed)
  }
  if (TEMPORAL_FAMILIES.has(family)) {
    const mixed = family !== otherFamily && TEMPORAL_FAMILIES.has(otherFamily)
    return normalizeTimestampText(family === 'date' && mixed ? `${text}T00:00:00` : text)
  }
  return text
}

/** `2026-01-02T03:04:05.1200000Z` → `2026-01-02T03:04:05.12Z`; whole seconds lose the fraction entirely. */
export function normalizeTimestampText(text: string): string {
  return text.replace(
    /(T\d{2}:\d{2}:\d{2})\.(\d*?)0*(Z?)$/,
    (_all, time: string, fraction: string, z: string) =>
      fraction === '' ? `${time}${z}` : `${time}.${fraction}${z}`,
  )
}

/** Whether values of these two families can be compared by number. */
export function bothNumeric(a: TypeFamily, b: TypeFamily): boolean {
  return NUMERIC_FAMILIES.has(a) && NUMERIC_FAMILIES.has(b)
}
