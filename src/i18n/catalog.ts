/**
 * Everything one language says, as data: the shape every language file fills in. The compiler checks that each
 * language says everything, so adding a language is one file (`src/i18n/<tag>.ts`) and one line in
 * `src/i18n/languages.ts`. Texts take already formatted values; numbers, dates and plurals come from `Intl` with
 * the language's `tag`.
 */
export interface Catalog {
  /** BCP 47 tag for `Intl` (numbers, plurals, lists), e.g. `sv-SE`. */
  readonly tag: string
  /** The language's name in itself, for a language switcher: `svenska`, `English`. */
  readonly name: string
  /** Units of durations in words, singular and plural: `1 timme`, `2 timmar`. */
  readonly units: Readonly<Record<'d' | 'h' | 'm' | 's', readonly [one: string, other: string]>>
  /** Units of short durations in tables: `3 d 4 h`, `12 min`. */
  readonly shortUnits: Readonly<Record<'d' | 'h' | 'm' | 's', string>>
  /** Whether a short unit is written apart from its number (`3 d`) or joined to it (`3d`). */
  readonly shortUnitSpaced: boolean
  /** The word that joins the last two items of a list: `och`, `and`. */
  readonly and: string
}
