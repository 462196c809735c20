import { describe, expect, it } from 'vitest'
import { reportNumber } from '../../src/notify/locale.js'
import { reportWords } from '../../src/notify/report-words.js'
import { reportFound, storedResult } from '../support/stored-result.js'

const sv = reportWords('sv')
const en = reportWords('en')

describe("the morning report's words", () => {
  it('counts nights with the language ordinals: 2:a and 21:a but 11:e and 12:e; 2nd, 3rd, 11th, 22nd', () => {
    expect([2, 3, 11, 12, 21, 22].map((n) => sv.streak('fail', n))).toEqual([
      'avviker 2:a natten i rad',
      'avviker 3:e natten i rad',
      'avviker 11:e natten i rad',
      'avviker 12:e natten i rad',
      'avviker 21:a natten i rad',
      'avviker 22:a natten i rad',
    ])
    expect([2, 3, 11, 12, 13, 22].map((n) => en.streak('error', n))).toEqual([
      'could not run for the 2nd night running',
      'could not run for the 3rd night running',
      'could not run for the 11th night running',
      'could not run for the 12th night running',
      'could not run for the 13th night running',
      'could not run for the 22nd night running',
    ])
    expect([sv.streak('fail', 1), en.streak('fail', 1)]).toEqual(['ny i natt', 'new last night'])
  })

  it('inflects counts (1 rad, 2 rader; 1 check) and writes numbers one way per language', () => {
    expect([sv.rowsMissing(1), sv.rowsMissing(2), sv.rowsExtra(1)]).toEqual([
      '1 rad saknas',
      '2 rader saknas',
      '1 rad för mycket',
    ])
    expect([en.rowsMissing(1), en.rowsExtra(250_000)]).toEqual(['1 row missing', '250,000 rows too many'])
    expect([sv.failed(1, 1), sv.failed(2, 14), en.failed(1, 1)]).toEqual([
      '1 av 1 kontroll avvek',
      '2 av 14 kontroller avvek',
      '1 of 1 check differed',
    ])
    expect([sv.allPassed(1), sv.allPassed(14)]).toEqual([
      'Kontrollen stämde i natt',
      'Alla 14 kontroller stämde i natt',
    ])
    // Exact decimal text keeps every digit; Swedish groups with a no-break space and writes a real minus.
    expect(reportNumber('-1234567.125', 'sv')).toBe('−1\u00a0234\u00a0567,125')
    expect(reportNumber('-1234567.125', 'en')).toBe('−1,234,567.125')
    expect(sv.rowsMissing(50_000)).toBe('50\u00a0000 rader saknas')
  })

  it('lists what passed the language way', () => {
    expect(sv.agree([sv.topic.row_count, sv.topic.aggregate, sv.topic.checksum])).toBe(
      'antal rader, belopp och alla värden stämmer',
    )
    expect(en.agree([en.topic.row_count, en.topic.aggregate])).toBe('row counts and amounts agree')
  })
})

describe("a check's line in the morning report", () => {
  it('says one phrase per topic: the same row shortfall once, several differing measures as their number', () => {
    const total = storedResult({ difference: { absolute: '-11', percent: 1.1 } })
    const grouped = { ...total, seq: 2, assertion: 'row_count by day' }
    const sum = storedResult({
      seq: 3,
      assertion: 'sum(fee)',
      kind: 'aggregate',
      difference: { absolute: '-88566.25', percent: 0.2 },
    })
    const distinct = {
      ...sum,
      seq: 4,
      assertion: 'distinct_count(patient)',
      difference: { absolute: '-24', percent: 0.05 },
    }
    expect(reportFound([total, grouped, sum], 'sv')).toBe(
      'antal rader: 11 rader saknas; belopp: skiljer med −88\u00a0566,25',
    )
    expect(reportFound([total, grouped, sum, distinct], 'sv')).toBe(
      'antal rader: 11 rader saknas; belopp: 2 mått skiljer',
    )
    expect(reportFound([sum, distinct], 'en')).toBe('amounts: 2 measures differ')
  })
})
