import { describe, expect, it } from 'vitest'
import { CHECK_KINDS } from '../../src/check-kinds/index.js'
import { LANGUAGES } from '../../src/i18n/language.js'
import {
  type DescribableResult,
  describeDifference,
  describeForSubject,
  describeValues,
  findingsOf,
} from '../../src/notify/describe.js'

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

  it("renders a result's message code in the reader's language", () => {
    const coded = {
      assertion: 'max(changed_at)',
      kind: 'aggregate',
      status: 'fail' as const,
      source: { value: null },
      target: { value: null },
      difference: null,
      message: 'max(changed_at) differs: source 2026-11-23, target NULL',
      messageCode: 'aggregate.not_equal' as const,
      messageParams: { function: 'max', column: 'changed_at' },
    }
    expect(describeForSubject(coded, 'sv')).toBe(
      'max(changed_at): max(changed_at) skiljer sig mellan källan och målet',
    )
    expect(describeForSubject(coded, 'en')).toBe(
      'max(changed_at): max(changed_at) differs between source and target',
    )
  })
})

describe('describeValues', () => {
  it('shows timestamps as local time in the zone, not as ISO text; numbers in the language', () => {
    const freshness: DescribableResult = {
      assertion: 'freshness(changed_at)',
      kind: 'freshness',
      status: 'fail',
      source: { newest: '2026-11-26T02:10:05.123456Z' },
      target: { newest: '2026-11-23T03:10:00', age_ms: '259200000' },
      difference: { absolute: '-259200000', percent: null },
    }
    // 02:10 UTC is 03:10 in Stockholm in November; a naive value is already local and stays as written.
    expect(describeValues(freshness, 'sv', 'Europe/Stockholm')).toBe(
      '2026-11-26 03:10:05 → 2026-11-23 03:10:00',
    )
    const counts = { ...freshness, source: { rows: '250000' }, target: { rows: '249911' } }
    expect(describeValues(counts, 'sv', 'Europe/Stockholm')).toBe('250\u00a0000 → 249\u00a0911')
    expect(describeValues(counts, 'en', 'Europe/Stockholm')).toBe('250,000 → 249,911')
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

describe('a grouped row count in words', () => {
  const grouped = (details: DescribableResult['details']): DescribableResult => ({
    assertion: 'row_count by visit_date, unit',
    kind: 'row_count',
    status: 'fail',
    source: { rows: '250000', groups: '120' },
    target: { rows: '249956', groups: '119' },
    difference: { absolute: '-44', percent: -0.0176 },
    details,
  })

  it('sums shortfalls and excesses per group instead of the net total', () => {
    const result = grouped({ groups: [], groupsDiffering: 2, rowsMissing: '47', rowsExtra: '3' })
    expect(describeForSubject(result, 'sv')).toBe(
      'row_count by visit_date, unit: 47 rader saknas och 3 för mycket i målet (2 av 120 grupper skiljer)',
    )
    expect(describeForSubject(result, 'en')).toBe(
      'row_count by visit_date, unit: 47 rows missing and 3 extra in the target (2 of 120 groups differ)',
    )
  })

  it('says "at least" for a result stored before the sums, when only some groups were kept', () => {
    const result = grouped({
      groups: [
        { group: { visit_date: '2026-11-26', unit: 'BUM-NORR' }, source: '89', target: '0' },
        { group: { visit_date: '2026-11-25', unit: 'BUM-SYD' }, source: '10', target: '11' },
      ],
      groupsDiffering: 9,
    })
    expect(describeForSubject(result, 'sv')).toBe(
      'row_count by visit_date, unit: minst 89 rader saknas och 1 för mycket i målet (9 av 120 grupper skiljer)',
    )
    const [found] = findingsOf([result], 'sv')
    expect(found?.counts).toEqual({ missing: '89', extra: '1', lowerBound: true })
    expect(found?.moreGroups).toBe(7)
  })

  it('uses the singular for one row', () => {
    const one = { ...grouped(null), details: null, difference: { absolute: '-1', percent: 2.5 } }
    expect(describeForSubject(one, 'sv')).toBe(
      'row_count by visit_date, unit: 1 rad saknas i målet (−2,5\u00a0%)',
    )
    expect(describeForSubject(one, 'en')).toBe(
      'row_count by visit_date, unit: 1 row missing in the target (−2.5%)',
    )
  })
})

describe('what to check first', () => {
  it('comes from the kind, in the reader language, and depends on what was found', () => {
    const missing = checksum({ checksum: { located: true, changed: 0, missing: 5, extra: 0 } })
    const changed = checksum({
      checksum: {
        located: true,
        changed: 5,
        missing: 0,
        extra: 0,
        columnsDiffering: [{ column: 'fee', rows: 5 }],
      },
    })
    const unlocated = checksum({ checksum: { located: false } })
    const [m, c, u] = findingsOf([missing, changed, unlocated], 'sv')
    expect(m?.checkFirst).toMatch(/^Titta först i laddningsloggen efter den körning eller partition/)
    expect(c?.checkFirst).toMatch(/^Titta först på hur fee förs över/)
    expect(u?.checkFirst).toMatch(/reconcile locate/)
    expect(findingsOf([changed], 'en')[0]?.checkFirst).toMatch(/^Check first how fee is carried over/)
  })

  it('leaves passing results out and shows sample keys only when they are masked', () => {
    const sampled = (keysMasked: boolean) =>
      checksum({
        checksum: {
          located: true,
          changed: 1,
          missing: 0,
          extra: 0,
          samples: [{ category: 'changed', key: keysMasked ? '#0123456789abcdef' : '4711' }],
          keysMasked,
        },
      })
    expect(findingsOf([sampled(true)], 'sv')[0]?.sampleKeys).toEqual([
      { category: 'changed', key: '#0123456789abcdef' },
    ])
    expect(findingsOf([sampled(false)], 'sv')[0]?.sampleKeys).toEqual([])
    expect(findingsOf([{ ...sampled(true), status: 'pass' }], 'sv')).toEqual([])
  })
})

describe('the findings of a check that could not run', () => {
  it('are one finding with the error code and what to check first, however many assertions share the error', () => {
    const failed = (assertion: string): DescribableResult => ({
      assertion,
      kind: 'row_count',
      status: 'error',
      source: null,
      target: null,
      difference: null,
      error: { code: 'CONNECTION_UNREACHABLE', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    })
    const findings = findingsOf([failed('row_count'), failed('row_count by unit')], 'sv')
    expect(findings.map((f) => [f.assertion, f.summary])).toEqual([
      ['row_count', 'kunde inte köras (CONNECTION_UNREACHABLE)'],
    ])
    expect(findings[0]?.checkFirst).toMatch(/^Titta först på orsaken nedan/)
  })
})

describe('every kind says what to check first', () => {
  it('in every language, a different sentence per language, never empty', () => {
    for (const [name, kind] of Object.entries(CHECK_KINDS)) {
      const failing: DescribableResult = {
        assertion: name,
        kind: name,
        status: 'fail',
        source: null,
        target: null,
        difference: null,
      }
      const said = LANGUAGES.map((language) => kind.checkFirst(failing, language))
      for (const sentence of said) expect(sentence.length).toBeGreaterThan(40)
      expect(new Set(said).size).toBe(LANGUAGES.length)
    }
  })
})
