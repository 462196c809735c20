import { CHECK_KINDS } from '../check-kinds/index.js'
import type { Locale } from '../config/types.js'
import type { Assertion } from '../definitions/types.js'
import type { ReportTexts } from '../i18n/catalog/notify.js'
import { countOf } from '../i18n/format.js'
import { catalog } from '../i18n/language.js'
import { reportList, reportNumber } from './locale.js'

/** The morning report's texts with their counts as numbers: this formats and inflects them in the language. */
export interface ReportWords extends Omit<
  ReportTexts,
  | 'allPassed'
  | 'failed'
  | 'errors'
  | 'notRunCount'
  | 'checksTitle'
  | 'agree'
  | 'rowsMissing'
  | 'rowsExtra'
  | 'loadTopic'
  | 'measuresDiffer'
> {
  readonly allPassed: (checks: number) => string
  readonly failed: (failed: number, of: number) => string
  /** `n` could not run; `of` all checks when it leads the verdict, null after the failed ones. */
  readonly errors: (n: number, of: number | null) => string
  readonly notRunCount: (n: number) => string
  readonly checksTitle: (nights: number) => string
  readonly agree: (topics: readonly string[]) => string
  readonly rowsMissing: (n: number) => string
  readonly rowsExtra: (n: number) => string
  /** `n` measures of one topic differ: `3 mått skiljer`. */
  readonly measuresDiffer: (n: number) => string
  /** What each kind, and the load, compares in plain words: `antal rader`, `laddningen` (the kinds' own words). */
  readonly topic: Readonly<Record<Assertion['kind'] | 'load', string>>
}

/** The morning report's words in a language, from its catalog: `2 av 14 kontroller avvek`, `1 rad saknas`. */
export function reportWords(locale: Locale): ReportWords {
  const r = catalog(locale).notify.report
  const rows = catalog(locale).notify.rows
  const checks = (n: number) => countOf(n, locale, r.checks)
  return {
    ...r,
    topic: {
      ...(Object.fromEntries(
        Object.entries(CHECK_KINDS).map(([name, kind]) => [name, kind.topic(locale)]),
      ) as Record<Assertion['kind'], string>),
      load: r.loadTopic,
    },
    allPassed: (n) => (n === 1 ? r.allPassedOne : r.allPassed(checks(n))),
    failed: (failed, of) => r.failed(reportNumber(failed, locale), checks(of)),
    errors: (n, of) => r.errors(reportNumber(n, locale), of === null ? null : checks(of)),
    notRunCount: (n) => r.notRunCount(reportNumber(n, locale)),
    checksTitle: (nights) => r.checksTitle(reportNumber(nights, locale)),
    agree: (topics) => r.agree(reportList(topics, locale)),
    rowsMissing: (n) => r.rowsMissing(countOf(n, locale, rows)),
    rowsExtra: (n) => r.rowsExtra(countOf(n, locale, rows)),
    measuresDiffer: (n) => r.measuresDiffer(countOf(n, locale, r.measures)),
  }
}
