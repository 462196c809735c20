import { describe, expect, it } from 'vitest'
import { CHECK_KINDS, kindNamed } from '../../src/check-kinds/index.js'
import { LANGUAGES } from '../../src/i18n/language.js'

describe('the check-kind registry', () => {
  it('registers each kind under the kind its YAML schema accepts', () => {
    for (const [name, kind] of Object.entries(CHECK_KINDS)) {
      expect(kind.schema.safeParse({ kind: 'no_such_kind' }).success).toBe(false)
      const issues = kind.schema.safeParse({ kind: name }).error?.issues ?? []
      expect(issues.some((issue) => issue.path[0] === 'kind')).toBe(false)
    }
  })

  it("finds a kind by a stored result's name, and none for an unknown name", () => {
    expect(kindNamed('checksum')).toBe(CHECK_KINDS.checksum)
    expect(kindNamed('toString')).toBeUndefined()
    expect(kindNamed('no_such_kind')).toBeUndefined()
  })

  it('describes a passing result of every kind in every language without throwing', () => {
    for (const [name, kind] of Object.entries(CHECK_KINDS)) {
      for (const language of LANGUAGES) {
        const words = kind.describe(
          { assertion: name, kind: name, status: 'pass', source: null, target: null, difference: null },
          language,
        )
        expect(words.subject).toBeUndefined()
      }
    }
  })
})
