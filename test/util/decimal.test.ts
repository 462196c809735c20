import { describe, expect, it } from 'vitest'
import { compare, formatDecimal, parseDecimal, subtract } from '../../src/util/decimal.js'

const d = (text: string) => {
  const parsed = parseDecimal(text)
  if (parsed === undefined) throw new Error(`not a decimal: ${text}`)
  return parsed
}

describe('exact decimals', () => {
  it('subtracts sums beyond 2^53 without losing a unit', () => {
    expect(formatDecimal(subtract(d('9007199254740993.01'), d('9007199254740992')))).toBe('1.01')
  })

  it('treats trailing zeros and exponents as the same value', () => {
    expect(compare(d('10.500'), d('10.5'))).toBe(0)
    expect(formatDecimal(d('1.5e3'))).toBe('1500')
    expect(formatDecimal(d('-2.5E-3'))).toBe('-0.0025')
    expect(formatDecimal(d('-0.00'))).toBe('0')
  })

  it('rejects text that is not a number', () => {
    expect(parseDecimal('12,5')).toBeUndefined()
    expect(parseDecimal('')).toBeUndefined()
    expect(parseDecimal('NaN')).toBeUndefined()
  })
})
