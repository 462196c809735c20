import { describe, expect, it } from 'vitest'
import { type DescribableResult, describeDifference, describeForSubject } from '../../src/notify/describe.js'

const checksum = (details: DescribableResult['details']): DescribableResult => ({
  assertion: 'checksum',
  kind: 'checksum',
  status: 'fail',
  source: { rows: '50000', checksum: '123' },
  target: { rows: '49998', checksum: '456' },
  difference: { absolute: '-2', percent: -0.004 },
  details,
  message: 'rows differ: source 50,000 rows, target 49,998 rows; checksums over 4 columns differ',
})

describe('describeForSubject', () => {
  it('words a located checksum difference as rows changed, missing and extra, in the mail locale', () => {
    const located = checksum({ checksum: { located: true, changed: 1021, missing: 2, extra: 0 } })
    expect(describeForSubject(located, 'sv')).toBe(
      'checksum: 1\u00a0021 rader ändrade, 2 saknas och 0 för mycket i målet',
    )
    expect(describeForSubject(located, 'en')).toBe(
      'checksum: 1,021 rows changed, 2 missing and 0 extra in the target',
    )
  })

  it('says only that values differ when the rows were not located', () => {
    const unlocated = checksum({ checksum: { located: false } })
    expect(describeForSubject(unlocated, 'sv')).toBe('checksum: värdena skiljer')
    expect(describeForSubject(unlocated, 'en')).toBe('checksum: values differ')
  })

  it('never shows the English result message in a Swedish subject', () => {
    const aggregate: DescribableResult = {
      assertion: 'max(changed_at)',
      kind: 'aggregate',
      status: 'fail',
      source: { value: null },
      target: { value: null },
      difference: null,
      message: 'max(changed_at) differs: source 2026-11-23, target NULL',
    }
    expect(describeForSubject(aggregate, 'sv')).toBe('max(changed_at): värdena skiljer')
    expect(describeForSubject(aggregate, 'en')).toBe(`max(changed_at): ${aggregate.message}`)
  })
})

describe('describeDifference of a checksum', () => {
  it('says the values differ when the row counts agree and the rows were not located, never an empty cell', () => {
    const same = { ...checksum({ checksum: { located: false } }), difference: { absolute: '0', percent: 0 } }
    expect(describeDifference(same, 'sv')).toBe('värdena skiljer; raderna har inte letats upp')
    expect(describeDifference(same, 'en')).toBe('values differ; the rows were not located')
  })

  it('names the columns the changed rows differ in, most first, with counts only', () => {
    const located = checksum({
      checksum: {
        located: true,
        changed: 5,
        missing: 2,
        extra: 0,
        columnsDiffering: [
          { column: 'note', rows: 3 },
          { column: 'fee', rows: 5 },
        ],
      },
    })
    expect(describeDifference(located, 'en')).toMatch(
      /^5 rows changed, 2 missing and 0 extra in the target; differing in fee \(5 rows\), note \(3 rows\)$/,
    )
    expect(describeDifference(located, 'sv')).toMatch(/skiljer i fee \(5 rader\), note \(3 rader\)$/)
  })

  it('says when a budget stopped locating, so the counts are lower bounds', () => {
    const partial = checksum({
      checksum: { located: true, changed: 1, missing: 0, extra: 0, incomplete: true, stoppedBy: 'time' },
    })
    expect(describeDifference(partial, 'en')).toMatch(
      /incomplete: the time budget ran out, at least this many$/,
    )
  })
})
