import { describe, expect, it } from 'vitest'
import { formatAge, formatPercent } from '../../src/i18n/amounts.js'
import { countOf, formatDurationWords, formatNumberText, plural } from '../../src/i18n/format.js'
import { CATALOGS } from '../../src/i18n/languages.js'
import { LANGUAGES, isLanguage } from '../../src/i18n/language.js'

const NBSP = '\u00a0'

describe('numbers, plurals and durations come from the language', () => {
  it('writes exact decimal text with the language separators and a true minus sign', () => {
    expect(formatNumberText('-1234567.5', 'sv')).toBe(`−1${NBSP}234${NBSP}567,5`)
    expect(formatNumberText('-1234567.5', 'en')).toBe('−1,234,567.5')
    // No precision is lost: digits beyond what a double holds stay as written.
    expect(formatNumberText('12345678901234567890.123456789', 'en')).toBe(
      '12,345,678,901,234,567,890.123456789',
    )
    expect(formatNumberText('250', 'sv', { signed: true })).toBe('+250')
    expect(formatNumberText('0.00', 'sv', { signed: true })).toBe('0,00')
    expect(formatNumberText('n/a', 'sv')).toBe('n/a')
  })

  it('picks the singular for one and the plural otherwise (no "1 körningar")', () => {
    const runs = ['körning', 'körningar'] as const
    expect(countOf(1, 'sv', runs)).toBe('1 körning')
    expect(countOf(2, 'sv', runs)).toBe('2 körningar')
    expect(countOf(50000, 'sv', runs)).toBe(`50${NBSP}000 körningar`)
    expect(plural(1, 'en', ['run', 'runs'])).toBe('run')
    expect(plural(0, 'en', ['run', 'runs'])).toBe('runs')
  })

  it('says durations in words and short units per language', () => {
    expect(formatDurationWords(3_600_000, 'sv')).toBe('1 timme')
    expect(formatDurationWords(26 * 3_600_000, 'sv')).toBe('26 timmar')
    expect(formatDurationWords(3 * 86_400_000 + 2 * 3_600_000, 'en')).toBe('3 days 2 hours')
    expect(formatAge(3 * 86_400_000, 'sv')).toBe('3 d 0 h')
    expect(formatAge(3 * 86_400_000, 'en')).toBe('3d 0h')
    expect(formatAge(12 * 60_000, 'sv')).toBe('12 min')
    expect(formatPercent(0.0356, true, 'sv')).toBe(`−0,0356${NBSP}%`)
    expect(formatPercent(0.0356, false, 'en')).toBe('+0.0356%')
  })
})

describe('the registry of languages', () => {
  it('lists every catalog once, Swedish first, and accepts only those', () => {
    expect(LANGUAGES).toEqual(Object.keys(CATALOGS))
    expect(LANGUAGES[0]).toBe('sv')
    expect(isLanguage('en')).toBe(true)
    expect(isLanguage('xx')).toBe(false)
  })

  it('gives every language a working Intl tag and its own name', () => {
    const names = new Set<string>()
    for (const language of LANGUAGES) {
      const { tag, name } = CATALOGS[language]
      expect(Intl.NumberFormat.supportedLocalesOf([tag])).toEqual([tag])
      names.add(name)
    }
    expect(names.size).toBe(LANGUAGES.length)
  })
})
