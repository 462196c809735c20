/** A word's two forms for counts, picked by the language's plural rules (`countOf`): `['rad', 'rader']`. */
export type Forms = readonly [one: string, other: string]

/**
 * The texts of the alert mail, the vendor ticket and the webhook text (src/notify). Functions take already
 * formatted values: counts arrive with their word (`2 körningar`, made by `countOf` with the forms given here),
 * times and durations as text.
 */
export interface NotifyTexts {
  readonly status: { readonly pass: string; readonly fail: string; readonly error: string }
  /** Header of the status column. */
  readonly statusLabel: string
  readonly subjectTag: {
    readonly fail: string
    readonly error: string
    readonly resolved: string
    readonly reminder: string
    readonly ticket: string
    /** Marks a message about results that reached the store only after a later run loaded them from the spool. */
    readonly late: string
  }
  readonly couldNotRun: (code: string) => string
  /** The night's load has not finished; `age` since the last one finished, when known. */
  readonly loadLate: (age: string | null) => string
  /** More assertions failing than the subject names: `n` formatted. */
  readonly moreFailing: (n: string) => string
  readonly source: string
  readonly target: string
  readonly difference: string
  readonly assertion: string
  readonly check: string
  readonly values: string
  readonly openedAlertIntro: (title: string, id: string, when: string) => string
  readonly errorAlertIntro: (title: string, id: string, when: string) => string
  /** Results stored late: the run of `runAt` (status `status`) could not be stored then; loaded at `storedAt`. */
  readonly storedLate: (runAt: string, status: string, storedAt: string) => string
  /** `runs`: the count with its word, from {@link NotifyTexts.runs}. */
  readonly reminderIntro: (title: string, id: string, age: string, runs: string) => string
  readonly resolvedIntro: (title: string, id: string, when: string, age: string) => string
  readonly resolvedSubject: (age: string) => string
  readonly reminderSubject: (age: string) => string
  readonly whatDiffers: string
  readonly aboutCheck: string
  readonly severity: {
    readonly low: string
    readonly medium: string
    readonly high: string
    readonly critical: string
  }
  readonly severityLabel: string
  readonly owner: string
  readonly incident: string
  readonly openedAt: string
  readonly runId: string
  readonly cutoff: string
  readonly noCutoff: string
  /** Label of what a check left out as the source's late changes. */
  readonly lateChanges: string
  /** Its value: `rows` changed (the count with its word, from {@link NotifyTexts.changedRows}), or null when the source was read as of the cutoff. */
  readonly lateChangesValue: (rows: string | null) => string
  readonly definitionHash: string
  readonly definitionFile: string
  readonly vendorInformed: string
  readonly nextSteps: (check: string) => string
  /** No more messages until resolved; `reminder` is the reminder interval, null when off. */
  readonly noRepeat: (reminder: string | null) => string
  readonly ticketIntro: (installation: string) => string
  readonly ticketEvidence: string
  readonly ticketSql: (side: 'source' | 'target') => string
  readonly ticketParameters: string
  readonly ticketDuration: string
  readonly ticketAttachment: string
  readonly ticketNoPatientData: string
  readonly groupsTitle: string
  /** Differing groups not shown: the count with its word, from {@link NotifyTexts.moreGroups}. */
  readonly andMoreGroups: (groups: string) => string
  readonly errorCause: string
  /** A failing result whose kind has no words for its difference. */
  readonly valuesDiffer: string
  /** Labels of the alert's findings. */
  readonly findings: {
    readonly rows: string
    readonly category: {
      readonly missing: string
      readonly extra: string
      readonly changed: string
      readonly duplicate: string
    }
    readonly atLeast: string
    readonly columns: string
    /** A differing column and its rows (the count with its word). */
    readonly columnRows: (column: string, rows: string) => string
    readonly groups: string
    readonly groupCounts: (source: string, target: string) => string
    readonly sampleKeys: string
    readonly checkFirst: string
    readonly openSince: (when: string, age: string) => string
    readonly openedNow: (when: string) => string
    readonly dashboard: string
    readonly allAssertions: string
  }
  readonly checkFirstLoad: string
  readonly checkFirstError: string
  readonly footer: (installation: string) => string
  /** The built-in check that the night's load finished in time. */
  readonly loadCheck: {
    readonly title: string
    /** `connection`: the configured connection of the load log. */
    readonly description: (connection: string) => string
  }
  /** Words counted: runs, rows, rows changed, more groups. */
  readonly runs: Forms
  readonly rows: Forms
  readonly changedRows: Forms
  readonly moreGroups: Forms
  /** The morning report, for management: plain words, no assertion kinds or English result texts. */
  readonly report: ReportTexts
}

/** The texts of the morning report. Counts arrive formatted with their word; `nights` of a streak as a number. */
export interface ReportTexts {
  readonly subject: (date: string) => string
  /** Verdicts, said first. One check that passed; `checks` that passed (with their word). */
  readonly allPassedOne: string
  readonly allPassed: (checks: string) => string
  /** `failed` of `of` checks (with their word). */
  readonly failed: (failed: string, of: string) => string
  /** `n` could not run; `of` all checks (with their word) when it leads the verdict, null after the failed ones. */
  readonly errors: (n: string, of: string | null) => string
  readonly notRunCount: (n: string) => string
  readonly noRun: (since: string) => string
  /** The night's run `schedule`, begun at `since`, had not finished when the report was made. */
  readonly unfinished: (schedule: string, since: string) => string
  /** Said before {@link ReportTexts.unfinished} in the report itself. */
  readonly unfinishedHeadline: string
  readonly lastLoad: (when: string) => string
  readonly lastLoadUnknown: string
  readonly lastRun: (when: string, status: string) => string
  /** A run's status in words. */
  readonly runStatus: Readonly<Record<'finished' | 'aborted' | 'running', string>>
  readonly checksTitle: (nights: string) => string
  /** Headers of the HTML table. */
  readonly columns: {
    readonly check: string
    readonly found: string
    readonly nights: string
    readonly streak: string
  }
  readonly trendLegend: string
  /** What the load pseudo-assertion compares: `laddningen`; each kind names its own (`kinds.<kind>.topic`). */
  readonly loadTopic: string
  /** Everything a passing check compares agrees: `antal rader och belopp stämmer` (`topics` already a list). */
  readonly agree: (topics: string) => string
  readonly notRun: string
  readonly lastRunOn: (date: string) => string
  readonly couldNotRun: string
  /** Rows missing or too many: the count with its word, from {@link NotifyTexts.rows}. */
  readonly rowsMissing: (rows: string) => string
  readonly rowsExtra: (rows: string) => string
  readonly differs: string
  readonly differsBy: (amount: string) => string
  /** Several measures of one topic differ (e.g. a sum and a count): `3 mått skiljer`, the count with its word. */
  readonly measuresDiffer: (measures: string) => string
  /** The word for a measure, singular and plural: `mått`, `measure`/`measures`. */
  readonly measures: readonly [one: string, other: string]
  readonly behind: (duration: string) => string
  readonly ahead: (duration: string) => string
  readonly loadLate: string
  /** The latest status held for `nights` nights running (1: new last night). */
  readonly streak: (status: 'fail' | 'error', nights: number) => string
  readonly passingAgain: string
  readonly openSince: (date: string) => string
  /** Checks counted in a verdict. */
  readonly checks: Forms
}
