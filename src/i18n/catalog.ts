import type { DocumentTexts } from './catalog/document.js'
import type { KindsTexts } from './catalog/kinds.js'
import type { NotifyTexts } from './catalog/notify.js'
import type { ResultsTexts } from './catalog/results.js'
import type { WebTexts } from './catalog/web.js'

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

  /** Mail, vendor ticket, webhook text and morning report (src/notify). */
  readonly notify: NotifyTexts

  /** The dashboard (src/web). */
  readonly web: WebTexts

  /** The control document (src/explain). */
  readonly document: DocumentTexts

  /** What each check kind says about its assertions and results (src/check-kinds). */
  readonly kinds: KindsTexts

  /** Result messages by code (src/i18n/result-messages.ts). */
  readonly results: ResultsTexts
}
