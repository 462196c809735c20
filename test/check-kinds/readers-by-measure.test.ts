import { describe, expect, it } from 'vitest'
import { differenceCell } from '../../src/cli/render.js'
import { reportWords } from '../../src/notify/report-words.js'
import type { StoredResult } from '../../src/store/stored-result.js'
import { reportFound, storedResult } from '../support/stored-result.js'

/** A stored failing result of `kind` that differs by `absolute` (target minus source). */
const stored = (kind: string, absolute: string) =>
  storedResult({ kind, assertion: kind, difference: { absolute, percent: null } })

/** What the morning report says a check with this one result found. */
const found = (result: StoredResult) => reportFound([result], 'sv')

describe('readers show a difference in the units its kind measures, and a kind they do not know generically', () => {
  it('the morning report: a lag as a duration, rows as rows, an unknown kind without topic or units', () => {
    expect(found(stored('freshness', String(-26 * 3_600_000)))).toBe('aktualitet: 26 timmar efter källan')
    expect(found(stored('row_count', '-2'))).toBe('antal rader: 2 rader saknas')
    // Written by another version: no topic word, no units guessed from a number it cannot read.
    expect(found(stored('future_kind', String(-26 * 3_600_000)))).toBe(reportWords('sv').differs)
    expect(found(stored('future_kind', '-2'))).toBe(reportWords('sv').differs)
    expect(found(stored('checksum', '5'))).toBe(`alla värden: ${reportWords('sv').differs}`)
  })

  it('the CLI: a lag as a duration behind, values that differ in words, an unknown kind as a signed number', () => {
    const cell = (kind: string, absolute: string) => differenceCell(stored(kind, absolute))
    expect(cell('freshness', String(-3 * 86_400_000))).toBe('3 d behind')
    expect(cell('checksum', '0')).toBe('checksums differ')
    expect(cell('future_kind', '0')).not.toBe('checksums differ')
    expect(cell('future_kind', String(-3 * 86_400_000))).not.toContain('behind')
    expect(cell('future_kind', '-2')).toBe(cell('row_count', '-2'))
  })
})
