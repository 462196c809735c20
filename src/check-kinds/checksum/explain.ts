import type { CanonicalOptions, ChecksumAssertion } from '../../definitions/types.js'
import type { Inline } from '../../i18n/inline.js'
import { catalog, type Language } from '../../i18n/language.js'
import { code } from '../../i18n/phrase-helpers.js'
import type { ExplainContext, Explanation } from '../../plan/check-kind.js'

/** A checked column whose definition sets how its values are compared. */
interface ColumnComparison extends CanonicalOptions {
  readonly name: string
}

/** `fee` (2 decimals), `seen_at` (3 digits of the second): the per-column settings, in words. */
function settingsList(settings: readonly ColumnComparison[], language: Language): Inline[] {
  const words = catalog(language).kinds.checksum.settings
  const and = catalog(language).and
  return settings.flatMap((c, i) => {
    const parts = [
      c.scale === undefined ? undefined : words.scale(c.scale),
      c.precision === undefined ? undefined : words.precision(c.precision),
      c.rounding === 'truncate' ? words.truncate : undefined,
      c.trimTrailingSpaces === true ? words.trim : undefined,
      c.ignoreCase === true ? words.ignoreCase : undefined,
    ].filter((x) => x !== undefined)
    return [
      ...(i === 0 ? [] : [i === settings.length - 1 ? ` ${and} ` : ', ']),
      code(c.name),
      ` (${parts.join(', ')})`,
    ]
  })
}

/**
 * A `checksum` assertion in words: the columns hashed (the assertion's resolved `columns`, the same list the
 * row-hash SQL is built from) and the mapped columns it leaves out, their settings, and how a difference is
 * located.
 */
export function explainChecksum(
  a: ChecksumAssertion,
  language: Language,
  context: ExplainContext,
): Explanation {
  const p = catalog(language).kinds.checksum
  const columns = a.columns.map((c) => c.name)
  const left = context.mappedColumns.filter((c) => !columns.includes(c))
  const mapped = columns.length + left.length
  return {
    text: [
      ...p.covers(columns, left, mapped),
      ...p.sentence(
        columns,
        a.locate,
        a.maxKeysReported,
        context.keySensitive,
        settingsList(
          a.columns.flatMap((c) => (c.canonical === undefined ? [] : [{ name: c.name, ...c.canonical }])),
          language,
        ),
      ),
    ],
    threshold: p.short(columns.length, mapped),
  }
}
