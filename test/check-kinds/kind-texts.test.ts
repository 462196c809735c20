import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toleranceSentence, toleranceShort } from '../../src/check-kinds/tolerance/tolerance-explain.js'

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

describe('the check kinds’ texts', () => {
  it('give an absolute row tolerance its word by the plural rules, with the language’s decimal point', () => {
    expect(toleranceSentence('sv', { absolute: 1 }, 'rows')).toBe('får skilja högst 1 rad')
    expect(toleranceSentence('sv', { absolute: 5, percent: 0.5 }, 'rows')).toBe(
      'får skilja högst 5 rader eller 0,5 % av källans värde',
    )
    expect(toleranceSentence('en', { absolute: 1 }, 'rows')).toBe('may differ by at most 1 row')
    expect(toleranceSentence('en', { absolute: 2.5 }, 'value')).toBe('may differ by at most 2.5')
    expect(toleranceSentence('sv', {}, 'value')).toBe(
      'måste vara exakt lika på båda sidor (ingen skillnad tillåts)',
    )
    expect(toleranceShort('sv', {})).toBe('exakt')
    expect(toleranceShort('en', { absolute: 5, percent: 0.5 })).toBe('±5 / ±0.5 %')
  })

  it('live in the language catalogs: no check kind and no result renderer names a language', () => {
    const files = [...sources('src/check-kinds'), 'src/i18n/result-messages.ts']
    const naming = files.filter((f) => /['"](sv|en)['"]/.test(readFileSync(f, 'utf8')))
    expect(naming).toEqual([])
    // The pattern does see a language named, so the check above can fail.
    expect("language === 'sv' ? 'exakt' : 'exact'").toMatch(/['"](sv|en)['"]/)
  })
})
