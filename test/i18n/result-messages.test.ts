import { describe, expect, it } from 'vitest'
import {
  MESSAGE_CODES,
  type MessageCode,
  type MessageParamsByCode,
  renderMessage,
  resultText,
} from '../../src/i18n/result-messages.js'

const NO_TOLERANCE = { toleranceAbsolute: null, tolerancePercent: null }

/** One example per code; the type makes a code without an example a compile error, as the texts do. */
const EXAMPLES: { readonly [C in MessageCode]: MessageParamsByCode[C] } = {
  'row_count.agree': { source: '250000', target: '250000', ...NO_TOLERANCE },
  'row_count.rows_missing': {
    source: '250000',
    target: '249911',
    rows: '89',
    percent: 0.0356,
    toleranceAbsolute: 5,
    tolerancePercent: 0.01,
  },
  'row_count.rows_extra': { source: '1000', target: '1003', rows: '3', percent: 0.3, ...NO_TOLERANCE },
  'row_count.groups_agree': { groups: 1200, groupBy: ['besoksdag', 'enhet'], ...NO_TOLERANCE },
  'row_count.groups_differ': { differing: 3, groups: 1200, groupBy: ['besoksdag', 'enhet'], ...NO_TOLERANCE },
  'aggregate.empty': { function: 'sum', column: 'avgift' },
  'aggregate.empty_on_one_side': { function: 'max', column: 'avgift', emptySide: 'target' },
  'aggregate.agrees': { function: 'sum', column: 'avgift', toleranceAbsolute: null, tolerancePercent: 0.5 },
  'aggregate.differs': {
    function: 'sum',
    column: 'avgift',
    difference: '-12345.5',
    percent: 1.25,
    ...NO_TOLERANCE,
  },
  'aggregate.equal': { function: 'min', column: 'besoksdag' },
  'aggregate.not_equal': { function: 'max', column: 'besoksdag' },
  'freshness.no_target_rows': { column: 'andrad' },
  'freshness.fresh': { column: 'andrad', ageMs: 5 * 3_600_000, lagMs: 0, fromCutoff: true },
  'freshness.stale': {
    column: 'andrad',
    ageMs: 3 * 86_400_000,
    maxAgeMs: 26 * 3_600_000,
    lagMs: 3 * 86_400_000,
    maxLagMs: 3_600_000,
    fromCutoff: false,
  },
  'checksum.agree': { sourceRows: 40, targetRows: 40, columns: 2 },
  'checksum.values_differ': { sourceRows: 40, targetRows: 40, columns: 2 },
  'checksum.rows_differ': { sourceRows: 40, targetRows: 37, columns: 1 },
  'checksum.rows_located': {
    sourceRows: 1_000_000,
    targetRows: 999_956,
    columns: 5,
    missing: 47,
    extra: 3,
    changed: 12,
    duplicateKeys: 1,
    differingColumns: ['avgift', 'enhet'],
    differingRows: [9, 3],
    extraMayBeLate: true,
    complete: false,
    stoppedBy: 'time',
    unlocatedSourceRows: 20_000,
    unlocatedTargetRows: 19_990,
  },
  'checksum.not_located': { sourceRows: 40, targetRows: 40, columns: 2, reason: 'key_type', keyColumn: 'id' },
  'check.could_not_run': { errorCode: 'QUERY_FAILED' },
}

/** English words of result texts: none may appear in a Swedish rendering. */
const ENGLISH =
  /\b(rows?|source|target|agrees?|differs?|differing|missing|changed|fewer|more|tolerance|exact|checksums?|empty|fresh|stale|located|not|could|run|behind|old|allowed|columns?|groups?|values?|both|sides?|every|all|of|by|and|or|the|is|has|in|at|duplicate|keys?|incomplete|stopped|budget|unexamined|deleted|off|failed|type)\b/i

describe('result messages', () => {
  it('has a text in every language for every code', () => {
    expect([...MESSAGE_CODES].sort()).toEqual(Object.keys(EXAMPLES).sort())
  })

  for (const code of MESSAGE_CODES) {
    it(`renders ${code} in Swedish without English wording, and in English`, () => {
      const params = EXAMPLES[code] as MessageParamsByCode[typeof code]
      const sv = renderMessage(code, params, 'sv')
      const en = renderMessage(code, params, 'en')
      expect(sv).not.toBe('')
      expect(en).not.toBe('')
      expect(sv).not.toBe(en)
      // Config field names and error codes are quoted as written; everything else must be Swedish.
      const words = sv.replace(/\([^()]*"[^"]*"[^()]*\)|max_\w+|QUERY_FAILED/g, '')
      expect(words).not.toMatch(ENGLISH)
      // The same list does catch the English text, so the check above can fail.
      expect(en).toMatch(ENGLISH)
      expect(sv).not.toMatch(/undefined|null|NaN|\[object/)
      expect(en).not.toMatch(/undefined|null|NaN|\[object/)
    })
  }

  it('writes numbers and durations the reader’s way', () => {
    const missing = EXAMPLES['row_count.rows_missing']
    expect(renderMessage('row_count.rows_missing', missing, 'sv')).toBe(
      'målet har 89 färre rader än källan (250\u00a0000 → 249\u00a0911, −0,0356\u00a0%), marginal ±5 eller ±0,01\u00a0%',
    )
    expect(renderMessage('row_count.rows_missing', missing, 'en')).toBe(
      'target has 89 fewer rows than the source (250,000 → 249,911, −0.0356%), tolerance ±5 or ±0.01%',
    )
    expect(renderMessage('freshness.stale', EXAMPLES['freshness.stale'], 'sv')).toBe(
      'inaktuellt: nyaste raden i målet är 3 dygn gammal (tillåtet 26 timmar); målet ligger 3 dygn efter källan (tillåtet 1 timme)',
    )
    expect(renderMessage('aggregate.differs', EXAMPLES['aggregate.differs'], 'sv')).toContain(
      '−12\u00a0345,5 (−1,25\u00a0%)',
    )
    // The percentage carries the difference's sign, also when the target is larger.
    const larger = { ...EXAMPLES['aggregate.differs'], difference: '12345.5' }
    expect(renderMessage('aggregate.differs', larger, 'en')).toContain('+12,345.5 (+1.25%)')
  })

  it('gives a count its word by the language’s plural rules: one duplicate key, one row, one column', () => {
    const one = {
      ...EXAMPLES['checksum.rows_located'],
      sourceRows: 1,
      targetRows: 1,
      columns: 1,
      duplicateKeys: 1,
      complete: true,
    }
    expect(renderMessage('checksum.rows_located', one, 'sv')).toContain('1 dubblerad nyckel')
    expect(renderMessage('checksum.rows_located', one, 'sv')).toContain('båda sidor har 1 rad,')
    expect(renderMessage('checksum.rows_located', one, 'sv')).toContain('över 1 kolumn ')
    expect(renderMessage('checksum.rows_located', one, 'en')).toContain('1 duplicate key')
    const two = { ...one, duplicateKeys: 2 }
    expect(renderMessage('checksum.rows_located', two, 'sv')).toContain('2 dubblerade nycklar')
    expect(renderMessage('checksum.rows_located', two, 'en')).toContain('2 duplicate keys')
  })

  it('shows a result without a code, or with a code this version does not know, by its message', () => {
    const old = { message: 'row counts agree (10 source, 10 target, tolerance exact)' }
    expect(resultText(old, 'sv')).toBe(old.message)
    expect(resultText({ ...old, messageCode: null, messageParams: null }, 'sv')).toBe(old.message)
    expect(resultText({ ...old, messageCode: 'row_count.someday', messageParams: {} }, 'sv')).toBe(
      old.message,
    )
    expect(
      resultText(
        {
          ...old,
          messageCode: 'row_count.agree',
          messageParams: { source: '10', target: '10', ...NO_TOLERANCE },
        },
        'sv',
      ),
    ).toBe('antalet rader stämmer (10 i källan, 10 i målet, marginal exakt)')
  })
})
