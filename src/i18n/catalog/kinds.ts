import type { Inline } from '../inline.js'

/** A word for one thing and for several, chosen by the language's plural rules: `['rad', 'rader']`. */
export type PluralForms = readonly [one: string, other: string]

/**
 * What the check kinds say (src/check-kinds), one sub-section per kind: a result in words (`describe`), what to
 * check first when it fails, and an assertion in words for the control document (`explain`). Texts take already
 * formatted numbers and durations; counts take their word from the plural forms given here.
 */
export interface KindsTexts {
  /** Tolerances, shared by the kinds that have one. */
  readonly tolerance: {
    /** The word of an absolute bound on rows: `5 rader`. */
    readonly rows: PluralForms
    /** A percentage bound: `0,5 % av källans värde`; `percent` is formatted. */
    readonly percentOfSource: (percent: string) => string
    /** A tolerance as the end of a sentence from its formatted bounds; neither set means exact. */
    readonly sentence: (absolute: string | undefined, percent: string | undefined) => string
    /** No tolerance, in a summary table. */
    readonly exact: string
  }

  /** `row_count`. */
  readonly rowCount: {
    /** What the kind compares, for the morning report's plain words: `antal rader`, `row counts`. */
    readonly topic: string
    /** The word of a count of rows: `1 rad`, `47 rader`. */
    readonly rows: PluralForms
    /** `rows` is a count with its word. */
    readonly missing: (rows: string) => string
    readonly extra: (rows: string) => string
    readonly missingAndExtra: (missing: string, extra: string) => string
    readonly groupsDiffer: (n: string, of: string) => string
    /** The counts are lower bounds. */
    readonly atLeast: (text: string) => string
    readonly checkUngrouped: string
    /** `by` is the group columns, joined. */
    readonly checkGroups: (by: string) => string
    /** The control document's sentence; `tolerance` from `tolerance.sentence`. */
    readonly rowCount: (tolerance: string) => Inline[]
    readonly rowCountGrouped: (columns: readonly string[], tolerance: string, reported: number) => Inline[]
    /** The summary table's name of what is counted. */
    readonly rowsShort: string
    readonly rowsByShort: (columns: string) => string
  }

  /** `aggregate`. */
  readonly aggregate: {
    /** What the kind compares, for the morning report's plain words: `antal rader`, `row counts`. */
    readonly topic: string
    /** What to check first: for NULL counts, and for other measures. */
    readonly checkFirst: { readonly nulls: string; readonly values: string }
    /** Each function as a noun: `summan`, `the sum`. */
    readonly functions: Readonly<Record<'sum' | 'min' | 'max' | 'null_count' | 'distinct_count', string>>
    readonly sentence: (functions: readonly string[], column: string, tolerance: string) => Inline[]
    /**
     * After `sentence` when the assertion has min or max, which show one row's value in results and mail:
     * `declared` when the definition says (`values_sensitive: false`) that the column's values identify no one;
     * otherwise shown only for numbers and timestamps, and the check is refused before it runs on text or dates.
     */
    readonly extremesShown: (column: string, declared: boolean) => Inline[]
  }

  /** `freshness`. */
  readonly freshness: {
    /** What the kind compares, for the morning report's plain words: `antal rader`, `row counts`. */
    readonly topic: string
    /** `duration` is formatted. */
    readonly behind: (duration: string) => string
    readonly ahead: (duration: string) => string
    readonly oldestAllowed: (age: string) => string
    readonly checkFirst: string
    /** `maxAge`/`maxLag` are durations in words; `fromCutoff`: the age is measured at the load's cutoff. */
    readonly sentence: (
      column: string,
      maxAge: string | undefined,
      maxLag: string | undefined,
      fromCutoff: boolean,
    ) => Inline[]
    readonly short: (column: string, maxAge: string | undefined, maxLag: string | undefined) => string
  }

  /** `checksum`. */
  readonly checksum: {
    /** What the kind compares, for the morning report's plain words: `antal rader`, `row counts`. */
    readonly topic: string
    /** The word of a count of rows: `2 rader`. */
    readonly rows: PluralForms
    /** The word of a count of changed rows: `2 rader ändrade`. */
    readonly rowsChanged: PluralForms
    /** Rows changed (a count with its word), missing and extra in the target; null when not located. */
    readonly rowsDiffer: (counts: { changed: string; missing: string; extra: string } | null) => string
    /** Which columns changed rows differ in, most first; `rows` is a count with its word. */
    readonly columnsDiffer: (columns: ReadonlyArray<{ column: string; rows: string }>) => string
    /** Locating stopped at a budget: the counts are lower bounds. */
    readonly locateIncomplete: (by: 'rows' | 'time') => string
    /** Values differ and the rows were not located. */
    readonly notLocated: string
    readonly checkMissing: string
    /** `columns` is the differing columns, joined. */
    readonly checkChanged: (columns: string) => string
    readonly checkUnlocated: string
    /** The per-column comparison settings, in words. */
    readonly settings: {
      readonly scale: (n: number) => string
      readonly precision: (n: number) => string
      readonly truncate: string
      readonly trim: string
      readonly ignoreCase: string
    }
    /** The heading: which columns the checksum covers, and which mapped columns it leaves out. */
    readonly covers: (columns: readonly string[], left: readonly string[], mapped: number) => Inline[]
    /** How the columns are compared; `settings` is the per-column list in words, empty when none is set. */
    readonly sentence: (
      columns: readonly string[],
      locate: boolean,
      maxKeys: number,
      keySensitive: boolean,
      settings: readonly Inline[],
    ) => Inline[]
    readonly short: (columns: number, mapped: number) => string
  }
}
