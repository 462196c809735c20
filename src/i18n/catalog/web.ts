/** A noun's forms for a count, one and other: `['körning', 'körningar']`; `countOf` in format.ts picks one. */
type Forms = readonly [one: string, other: string]

/**
 * Every text of the dashboard (src/web) in one language; data (ids, messages, SQL) is shown as recorded. Texts
 * take values already formatted: counts come as `countOf(n, language, forms)` with the forms under `counts`.
 */
export interface WebTexts {
  readonly appName: string
  readonly nav: {
    readonly today: string
    readonly runs: string
    readonly incidents: string
    readonly control: string
  }
  /** A result's status as a label. */
  readonly status: Readonly<Record<'pass' | 'fail' | 'error', string>>
  /** The last run's verdict, the today page's heading. */
  readonly verdict: {
    readonly pass: string
    readonly fail: string
    readonly error: string
    readonly unfinished: string
    readonly none: string
  }
  /** Nouns counted on the pages (the count and its form by `countOf`). */
  readonly counts: {
    /** Results that passed: `3 godkända`, `3 passed`. */
    readonly passed: Forms
    /** Results that failed: `2 avvikelser`, `2 failed`. */
    readonly failed: Forms
    /** Results that could not run: `0 kunde inte köras`, `0 could not run`. */
    readonly errors: Forms
    /** Checks: `1 kontroll`. */
    readonly checks: Forms
    /** Rows: `12 rader`. */
    readonly rows: Forms
    /** Open incidents, a link on the today page: `1 öppen incident`. */
    readonly openIncidents: Forms
  }
  /** What a passing result found, when its kind has nothing more to say. */
  readonly passed: string
  /** What a failing result found, when its kind cannot say more. */
  readonly failed: string
  /** A failing result's signed difference (`−474,25 (−0,0011 %)`) when its kind has no words for it. */
  readonly differsBy: (difference: string) => string
  /** What a result that could not run says, with its error code. */
  readonly couldNotRun: (code: string) => string
  /** `0 godkända, 2 avvikelser, 0 kunde inte köras — 1 kontroll`, each part counted. */
  readonly verdictDetail: (passed: string, failed: string, errors: string, checks: string) => string
  /** What started a run, in words: the command line, or a schedule by name; any other trigger is shown as is. */
  readonly trigger: {
    readonly cli: string
    readonly schedule: (name: string) => string
  }
  /** `+2 more` after the first failing assertion of an incident; `n` is formatted. */
  readonly andMore: (n: string) => string
  readonly lastRun: string
  readonly lastLoad: string
  readonly noCutoff: string
  /** Said when a check read the source as of the cutoff (no rows left out as late changes). */
  readonly readAsOfCutoff: string
  /** What a check left out as the source's late changes in the last run; `rows` is counted (`12 rader`). */
  readonly lateChanges: (rows: string) => string
  /** The control has not run since `since` (a formatted time). */
  readonly stale: (since: string) => string
  readonly checksHeading: string
  readonly history: string
  readonly severity: string
  readonly owner: string
  readonly allPassed: string
  readonly notInLastRun: string
  /** Table headings. */
  readonly th: {
    readonly time: string
    readonly check: string
    readonly assertion: string
    readonly status: string
    readonly source: string
    readonly target: string
    readonly difference: string
    readonly run: string
    readonly started: string
    readonly finished: string
    readonly duration: string
    readonly trigger: string
    readonly host: string
    readonly results: string
    readonly message: string
    readonly hash: string
    readonly incident: string
    readonly opened: string
    readonly lastSeen: string
    readonly resolved: string
    readonly occurrences: string
    readonly summary: string
    readonly vendor: string
  }
  /** A run's status as recorded (`running`, `finished`, `aborted`); an unknown one is shown as is. */
  readonly runStatus: Readonly<Record<string, string>>
  readonly runsHeading: string
  /** A run page's heading; `id` is a formatted time or a short run id. */
  readonly runHeading: (id: string) => string
  readonly noRuns: string
  /** A chart's heading, by assertion name. */
  readonly chartHeading: (assertion: string) => string
  readonly chartLegend: {
    readonly source: string
    readonly target: string
    readonly difference: string
    readonly lag: string
    readonly failed: string
  }
  /** The heading over a check's latest results; `at` is a formatted time. */
  readonly latestOf: (at: string) => string
  readonly chartNote: string
  readonly controlLink: string
  readonly incidentsHeading: string
  readonly openHeading: string
  readonly pastHeading: string
  readonly noIncidents: string
  readonly incidentsUnavailable: string
  /** An incident's status as recorded (`open`, `resolved`); an unknown one is shown as is. */
  readonly incidentStatus: Readonly<Record<string, string>>
  readonly notFound: string
  readonly unknownCheck: (id: string) => string
  readonly unknownRun: (id: string) => string
  readonly error: string
  readonly yes: string
  readonly no: string
  /** The page footer: the installation's name and the time zone of every time shown. */
  readonly footer: (installation: string, zone: string) => string
}
