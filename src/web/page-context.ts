import type { Config } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import type { Language } from '../i18n/language.js'
import type { StoreQueries } from '../store/store-queries.js'

/** What every page is rendered from. */
export interface PageContext {
  readonly language: Language
  readonly config: Config
  readonly definitions: readonly CheckDefinition[]
  readonly queries: StoreQueries
  /** The clock, for "has not run since". */
  readonly now: () => Date
  /** The request path without the language prefix, for the language switch, e.g. `/runs`. */
  readonly path: string
}

/** A rendered page: status code and the whole HTML document. */
export interface Page {
  readonly status: number
  readonly body: string
}
