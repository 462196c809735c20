import { z } from 'zod'
import type { Tolerance } from '../../definitions/types.js'
import type { Difference } from '../../results/types.js'
import {
  abs,
  compare,
  type Decimal,
  decimalFromNumber,
  formatDecimal,
  multiply,
  subtract,
} from '../../util/decimal.js'

/** The `tolerance` of a `row_count` or `aggregate` assertion: absolute and/or percent, each ≥ 0 (default none). */
export const toleranceSchema = z
  .strictObject({
    absolute: z
      .number({ error: (issue) => `expected a number ≥ 0, e.g. 0 or 5, got ${JSON.stringify(issue.input)}` })
      .min(0, 'expected a number ≥ 0, e.g. 0 or 5')
      .optional(),
    percent: z
      .number({
        error: (issue) => `expected a number ≥ 0 without "%", e.g. 0.5, got ${JSON.stringify(issue.input)}`,
      })
      .min(0, 'expected a number ≥ 0 without "%", e.g. 0.5')
      .max(100)
      .optional(),
  })
  .prefault({})

/** Percentage |target − source| / |source| × 100 to 4 decimals; null when the source is 0. */
function percentOf(diff: Decimal, source: Decimal): number | null {
  if (source.units === 0n) return null
  const ratio = Number(formatDecimal(abs(diff))) / Math.abs(Number(formatDecimal(source)))
  return Math.round(ratio * 100 * 10_000) / 10_000
}

/**
 * Compares two exact numbers under a tolerance. The difference passes when it is zero, within the absolute
 * bound, or within the percent of the source value; with no bound set the values must be equal.
 */
export function compareWithTolerance(
  source: Decimal,
  target: Decimal,
  tolerance: Tolerance,
): { pass: boolean; difference: Difference } {
  const diff = subtract(target, source)
  const size = abs(diff)
  const withinAbsolute =
    tolerance.absolute !== undefined && compare(size, decimalFromNumber(tolerance.absolute)) <= 0
  const withinPercent =
    tolerance.percent !== undefined &&
    compare(
      multiply(size, decimalFromNumber(100)),
      multiply(abs(source), decimalFromNumber(tolerance.percent)),
    ) <= 0
  return {
    pass: diff.units === 0n || withinAbsolute || withinPercent,
    difference: { absolute: formatDecimal(diff), percent: percentOf(diff, source) },
  }
}

/** Describes a tolerance for messages: `exact`, `±5`, `±0.5%`, `±5 or ±0.5%`. */
export function describeTolerance(tolerance: Tolerance): string {
  const parts: string[] = []
  if (tolerance.absolute !== undefined && tolerance.absolute > 0) parts.push(`±${tolerance.absolute}`)
  if (tolerance.percent !== undefined && tolerance.percent > 0) parts.push(`±${tolerance.percent}%`)
  return parts.length === 0 ? 'exact' : parts.join(' or ')
}

/** Formats a signed difference with its percentage: `-412 (-0.16%)`. */
export function describeDifference(difference: Difference): string {
  if (difference.absolute === '0') return '0'
  const negative = difference.absolute.startsWith('-')
  const sign = negative ? '-' : '+'
  const size = groupThousands(negative ? difference.absolute.slice(1) : difference.absolute)
  return difference.percent === null ? `${sign}${size}` : `${sign}${size} (${sign}${difference.percent}%)`
}

/** `1234567.5` → `1,234,567.5`: thousands separators in the integer part of decimal text. */
export function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}
