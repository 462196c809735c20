/**
 * The reference implementation of the canonical row text and row hash (docs/checksum.md), in TypeScript. Each
 * dialect builds the same text in SQL; tests hold every engine's in-database result against this one.
 *
 * Values are given as Node holds them: `null`/`undefined` for NULL; integers as bigint, number or digit string;
 * exact decimals as decimal text (a JS number is a double, converted like PostgreSQL's float8 → numeric, through
 * 15 significant digits); text as a string; dates as `YYYY-MM-DD`; timestamps as `YYYY-MM-DD[T ]HH:MM:SS[.f…]`
 * (naive) or with `Z`/`±HH:MM` (with an offset); a `Date` as the instant it holds; booleans as boolean or 0/1;
 * uuids as text; binary as bytes. A float is the double it holds (a `real`'s value widened exactly, e.g. with
 * `Math.fround`).
 */
import { createHash } from 'node:crypto'
import type { FieldEncoding } from '../dialects/dialect.js'
import { FIELD_SEPARATOR, NULL_MARKER, TEXT_ESCAPED } from '../dialects/checksum-row.js'
import { ReconcileError } from '../errors/errors.js'
import { parseDecimal } from '../util/decimal.js'

/** A value as Node holds it, before canonical encoding. */
export type ReferenceValue = null | undefined | string | number | bigint | boolean | Date | Uint8Array

/** The row hash keeps the low 60 bits of the first 8 bytes of MD5. */
const LOW_60_BITS = (1n << 60n) - 1n

function invalid(value: unknown, what: string): never {
  // The value itself is never put into the message: it may be patient data.
  throw new ReconcileError('PLAN_INVALID', `a ${typeof value} value cannot be read as ${what}`)
}

/**
 * Rounds decimal text half away from zero (or truncates, toward zero) to exactly `scale` fraction digits; zero has
 * no sign.
 */
export function roundDecimalText(
  text: string,
  scale: number,
  rounding: 'round' | 'truncate' = 'round',
): string {
  const parsed = parseDecimal(text)
  if (parsed === undefined) invalid(text, 'a decimal')
  const negative = parsed.units < 0n
  const magnitude = negative ? -parsed.units : parsed.units
  let units: bigint
  if (parsed.scale <= scale) {
    units = magnitude * 10n ** BigInt(scale - parsed.scale)
  } else {
    const divisor = 10n ** BigInt(parsed.scale - scale)
    units = magnitude / divisor
    if (rounding === 'round' && (magnitude % divisor) * 2n >= divisor) units += 1n
  }
  const digits = units.toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  const sign = negative && units !== 0n ? '-' : ''
  return `${sign}${whole}${scale === 0 ? '' : `.${fraction}`}`
}

function decimalText(value: ReferenceValue, scale: number, rounding: 'round' | 'truncate'): string {
  if (typeof value === 'bigint') return roundDecimalText(value.toString(), scale, rounding)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(value, 'a finite number')
    // PostgreSQL converts float8 to numeric through 15 significant digits (DBL_DIG); -0 becomes 0.
    return roundDecimalText((value === 0 ? 0 : value).toPrecision(15), scale, rounding)
  }
  if (typeof value === 'string') return roundDecimalText(value, scale, rounding)
  return invalid(value, 'a number')
}

function integerText(value: ReferenceValue): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value === 0 ? 0 : value)
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return BigInt(value.trim()).toString()
  return invalid(value, 'an integer')
}

function escapeText(text: string): string {
  return text.replaceAll(TEXT_ESCAPED, TEXT_ESCAPED + TEXT_ESCAPED)
}

/** The IEEE 754 binary64 bits of a number, big-endian, as 16 lower-case hex digits; -0 is written as 0. */
function floatBits(value: ReferenceValue): string {
  const n = typeof value === 'string' ? Number(value) : value
  if (typeof n !== 'number' || Number.isNaN(n)) return invalid(value, 'a float')
  const bytes = Buffer.alloc(8)
  bytes.writeDoubleBE(n + 0)
  return bytes.toString('hex')
}

function textValue(value: ReferenceValue, encoding: FieldEncoding): string {
  if (typeof value !== 'string') invalid(value, 'text')
  let text = value
  if (encoding.trimTrailingSpaces) text = text.replace(/ +$/, '')
  if (encoding.ignoreCase) text = text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  return escapeText(text)
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Calendar parts of a UTC instant in whole seconds; years 0–99 are not shifted to 1900 as Date.UTC would. */
function utcParts(epochSeconds: number): { date: string; time: string } {
  const d = new Date(0)
  d.setTime(epochSeconds * 1000)
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`,
    time: `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`,
  }
}

function epochSecondsOf(date: string, time: string): number {
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number)
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number)
  const t = new Date(0)
  t.setUTCFullYear(y, mo - 1, d)
  t.setUTCHours(h, mi, s, 0)
  return t.getTime() / 1000
}

const TIMESTAMP_RE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

interface ParsedTimestamp {
  readonly date: string
  readonly time: string
  /** Nine digits. */
  readonly fraction: string
  /** Minutes east of UTC, or undefined for a naive timestamp. */
  readonly offsetMinutes: number | undefined
}

function parseTimestamp(value: ReferenceValue): ParsedTimestamp {
  if (value instanceof Date) {
    const iso = value.toISOString()
    return {
      date: iso.slice(0, 10),
      time: iso.slice(11, 19),
      fraction: `${iso.slice(20, 23)}000000`,
      offsetMinutes: 0,
    }
  }
  if (typeof value !== 'string') invalid(value, 'a date or timestamp')
  const match = TIMESTAMP_RE.exec(value.trim())
  if (match === null) invalid(value, 'a date or timestamp')
  const [, date = '', time = '00:00:00', fraction = '', zone] = match
  let offsetMinutes: number | undefined
  if (zone === 'Z') offsetMinutes = 0
  else if (zone !== undefined) {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'))
  }
  return { date, time, fraction: fraction.padEnd(9, '0'), offsetMinutes }
}

/**
 * `YYYY-MM-DD HH:MM:SS`, then the fraction kept to `precision` digits without its trailing zeros, if any. `round`
 * rounds half up (to the later time, carrying into the second, minute, … day); `truncate` drops the rest.
 */
function timestampText(parsed: ParsedTimestamp, precision: number, rounding: 'round' | 'truncate'): string {
  let { date, time } = parsed
  let kept = parsed.fraction.slice(0, precision)
  if (rounding === 'round' && Number(parsed.fraction[precision] ?? '0') >= 5) {
    const next = (BigInt(kept === '' ? '0' : kept) + 1n).toString()
    if (next.length > precision) {
      ;({ date, time } = utcParts(epochSecondsOf(date, time) + 1))
      kept = '0'.repeat(precision)
    } else kept = next.padStart(precision, '0')
  }
  const digits = kept.replace(/0+$/, '')
  return `${date} ${time}${digits === '' ? '' : `.${digits}`}`
}

function canonicalValue(value: NonNullable<ReferenceValue>, encoding: FieldEncoding): string {
  switch (encoding.kind) {
    case 'integer':
      return integerText(value)
    case 'decimal':
      return decimalText(value, encoding.scale, encoding.rounding)
    case 'float':
      return floatBits(value)
    case 'text':
      return textValue(value, encoding)
    case 'date': {
      const parsed = parseTimestamp(value)
      if (parsed.offsetMinutes !== undefined && !(value instanceof Date)) invalid(value, 'a date')
      return parsed.date
    }
    case 'timestamp': {
      const parsed = parseTimestamp(value)
      if (parsed.offsetMinutes !== undefined && !(value instanceof Date))
        invalid(value, 'a timestamp without an offset')
      return timestampText(parsed, encoding.precision, encoding.rounding)
    }
    case 'timestamptz': {
      const parsed = parseTimestamp(value)
      if (parsed.offsetMinutes === undefined) invalid(value, 'a timestamp with an offset')
      const utc = utcParts(epochSecondsOf(parsed.date, parsed.time) - parsed.offsetMinutes * 60)
      return timestampText({ ...parsed, ...utc }, encoding.precision, encoding.rounding)
    }
    case 'boolean':
      if (value === true || value === 1 || value === '1' || value === 't') return 't'
      if (value === false || value === 0 || value === '0' || value === 'f') return 'f'
      return invalid(value, 'a boolean')
    case 'uuid':
      if (typeof value !== 'string' || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value))
        invalid(value, 'a uuid')
      return value.toLowerCase()
    case 'binary':
      if (!(value instanceof Uint8Array)) invalid(value, 'bytes')
      return Buffer.from(value).toString('hex')
  }
}

/** The canonical text of one value (escaped for text), or null for NULL. */
export function canonicalField(value: ReferenceValue, encoding: FieldEncoding): string | null {
  return value === null || value === undefined ? null : canonicalValue(value, encoding)
}

/** The canonical text of a row: its fields in column order, NULL written `|N`, joined by `|;`. */
export function canonicalRowText(
  values: readonly ReferenceValue[],
  encodings: readonly FieldEncoding[],
): string {
  if (values.length !== encodings.length) {
    throw new RangeError(`a row of ${values.length} values needs as many encodings, got ${encodings.length}`)
  }
  return values
    .map((v, i) => canonicalField(v, encodings[i] as FieldEncoding) ?? NULL_MARKER)
    .join(FIELD_SEPARATOR)
}

/** The row hash of canonical row text: the low 60 bits of the first 8 bytes (big-endian) of MD5 over its UTF-8. */
export function rowHashOf(rowText: string): bigint {
  return createHash('md5').update(rowText, 'utf8').digest().readBigUInt64BE(0) & LOW_60_BITS
}

/**
 * The bucket a row falls into among `modulus` buckets while locating differences: the row hash of its canonical
 * key text, modulo `modulus` (docs/checksum.md, "Locating"; `bucketSql` in hash-buckets.ts is the SQL).
 */
export function bucketOf(keyText: string, modulus: bigint): bigint {
  return rowHashOf(keyText) % modulus
}

/** The prime modulus of integer-key buckets: 2^31 - 1. */
export const INTEGER_BUCKET_PRIME = 2_147_483_647n
/** The multiplier of integer-key buckets (the MINSTD multiplier): mixes strided keys across the buckets. */
export const INTEGER_BUCKET_MULTIPLIER = 48_271n
/** Integer-key buckets go at most this fine: the mixed key `h` is below 2^31, so 2^31 buckets separate every `h`. */
export const MAX_INTEGER_MODULUS = 1n << 31n

/**
 * The bucket a row whose key columns are all integers falls into among `modulus` buckets (a power of two at most
 * 2^31), from integer arithmetic instead of an MD5 of the key (docs/checksum.md, "Locating"; the dialects'
 * `integerBucket` is the SQL): `h % modulus`, where `h` folds the key columns in order,
 * `h = ((h + ((k % P) + P) % P) × C) % P` from `h = 0`, with P = 2^31 - 1 and C = 48,271. For one column that is
 * `(((k % P) + P) % P × C) % P`. `%` keeps the dividend's sign on both engines, as BigInt's does here, hence the
 * `+ P`; every intermediate value is below 2^48. A NULL column counts as 0. `h % (m × f)` refines `h % m` because
 * m divides m × f.
 */
export function integerBucketOf(keys: readonly (bigint | null)[], modulus: bigint): bigint {
  const P = INTEGER_BUCKET_PRIME
  let h = 0n
  for (const key of keys) h = ((h + ((((key ?? 0n) % P) + P) % P)) * INTEGER_BUCKET_MULTIPLIER) % P
  return h % modulus
}

/** Row count and checksum (the exact sum of row hashes) of rows of values, as both engines compute them. */
export function referenceChecksum(
  rows: Iterable<readonly ReferenceValue[]>,
  encodings: readonly FieldEncoding[],
): { rows: bigint; sum: bigint } {
  let count = 0n
  let sum = 0n
  for (const row of rows) {
    count += 1n
    sum += rowHashOf(canonicalRowText(row, encodings))
  }
  return { rows: count, sum }
}
