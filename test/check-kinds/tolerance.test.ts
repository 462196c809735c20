import { describe, expect, it } from 'vitest'
import {
  compareWithTolerance,
  describeDifference,
  describeTolerance,
} from '../../src/check-kinds/tolerance/tolerance.js'
import { parseDecimal } from '../../src/util/decimal.js'

const n = (text: string) => parseDecimal(text) ?? { units: 0n, scale: 0 }

describe('tolerances', () => {
  it('is exact when no bound is set', () => {
    expect(compareWithTolerance(n('100'), n('100'), {}).pass).toBe(true)
    expect(compareWithTolerance(n('100'), n('99.99'), {}).pass).toBe(false)
  })

  it('passes a difference within either the absolute or the percent bound', () => {
    expect(compareWithTolerance(n('1000'), n('995'), { absolute: 5 }).pass).toBe(true)
    expect(compareWithTolerance(n('1000'), n('994'), { absolute: 5 }).pass).toBe(false)
    expect(compareWithTolerance(n('1000'), n('990'), { absolute: 5, percent: 1 }).pass).toBe(true)
    expect(compareWithTolerance(n('1000'), n('989'), { absolute: 5, percent: 1 }).pass).toBe(false)
  })

  it('reports a signed difference and its percentage of the source, none when the source is 0', () => {
    expect(compareWithTolerance(n('400'), n('300'), {}).difference).toEqual({ absolute: '-100', percent: 25 })
    expect(compareWithTolerance(n('0'), n('3'), {}).difference).toEqual({ absolute: '3', percent: null })
    expect(describeDifference({ absolute: '-1234.5', percent: 0.1 })).toBe('-1,234.5 (-0.1%)')
    expect(describeDifference({ absolute: '3', percent: null })).toBe('+3')
    expect(describeTolerance({ absolute: 0 })).toBe('exact')
    expect(describeTolerance({ absolute: 5, percent: 0.5 })).toBe('±5 or ±0.5%')
  })
})
