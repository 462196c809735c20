/**
 * Exact decimal arithmetic for observed aggregate values. Databases return sums as decimal text
 * (a SUM over millions of rows easily exceeds 2^53), so differences are computed on scaled bigints.
 */
export interface Decimal {
  /** The value times 10^scale. */
  readonly units: bigint
  /** Number of digits after the decimal point. */
  readonly scale: number
}

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/** Parses decimal or scientific text (`-12.50`, `1e-3`); returns `undefined` for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_RE.exec(text.trim())
  if (match === null) return undefined
  const [, sign, intPart = '', fracPart = '', exponent] = match
  if (intPart === '' && fracPart === '') return undefined
  let digits = `${intPart}${fracPart}`
  let scale = fracPart.length - Number(exponent ?? '0')
  if (scale < 0) {
    digits += '0'.repeat(-scale)
    scale = 0
  }
  const units = BigInt(digits === '' ? '0' : digits)
  return { units: sign === '-' ? -units : units, scale }
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale)
}

/** a - b, exact. */
export function subtract(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale)
  return normalize({ units: rescale(a, scale) - rescale(b, scale), scale })
}

/** |a| */
export function abs(a: Decimal): Decimal {
  return a.units < 0n ? { units: -a.units, scale: a.scale } : a
}

/** Compares a and b: negative, zero or positive. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale)
  const diff = rescale(a, scale) - rescale(b, scale)
  return diff < 0n ? -1 : diff > 0n ? 1 : 0
}

/** a × b, exact. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return normalize({ units: a.units * b.units, scale: a.scale + b.scale })
}

/** Drops trailing zeros after the point, so `1.500` and `1.5` print alike. */
export function normalize(a: Decimal): Decimal {
  let { units, scale } = a
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n
    scale -= 1
  }
  return { units, scale }
}

/** Plain decimal text without exponent, trailing zeros removed. */
export function formatDecimal(a: Decimal): string {
  const { units, scale } = normalize(a)
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const intPart = digits.slice(0, digits.length - scale)
  const fracPart = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${intPart}${fracPart === '' ? '' : `.${fracPart}`}`
}

/** Converts a JS number (a tolerance from YAML) to a decimal through its shortest text form. */
export function decimalFromNumber(value: number): Decimal {
  const parsed = parseDecimal(String(value))
  if (parsed === undefined) throw new RangeError(`not a finite number: ${value}`)
  return parsed
}
