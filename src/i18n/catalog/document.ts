import type { Inline } from '../inline.js'

/** A noun's forms for a count, one and other: `['kontroll', 'kontroller']`; `countOf` in format.ts picks one. */
type Forms = readonly [one: string, other: string]

/**
 * Everything the control document (src/explain) says, in one language. Data (names, SQL, hashes) is passed in,
 * never translated; counts, numbers and durations come already formatted.
 */
export interface DocumentTexts {
  readonly title: (installation: string) => string
  readonly intro: readonly (readonly Inline[])[]
  readonly howToRead: string
  readonly statuses: readonly (readonly Inline[])[]
  readonly aboutHeading: string
  readonly facts: {
    readonly installation: string
    readonly generated: string
    readonly checksDir: string
    readonly revision: string
    readonly revisionUnknown: string
    readonly revisionDirty: string
    readonly configFile: string
    readonly timezone: string
    readonly schedule: string
    readonly loadWait: string
    readonly connections: string
    /** Checks, counted after the definitions' directory: `2 kontroller`. */
    readonly checks: Forms
  }
  readonly summaryHeading: string
  readonly summaryHead: readonly string[]
  readonly checksHeading: string
  /** A definition's severity as a label. */
  readonly severity: Readonly<Record<'low' | 'medium' | 'high' | 'critical', string>>
  /** A side's name in running text: `källan`, `the reporting copy`. */
  readonly sideName: Readonly<Record<'source' | 'target', string>>
  readonly labels: {
    readonly purpose: string
    readonly compared: string
    readonly columns: string
    readonly columnsHead: readonly string[]
    readonly key: string
    readonly assertions: string
    readonly cutoff: string
    readonly alerting: string
    readonly responsibility: string
    readonly severity: string
    readonly owner: string
    readonly file: string
    readonly hash: string
    readonly sql: string
  }
  /** "Every night after the load, … is compared with …". */
  readonly compares: (source: readonly Inline[], target: readonly Inline[]) => Inline[]
  readonly dataset: {
    readonly table: (name: string) => Inline[]
    readonly query: (tables: readonly string[]) => Inline[]
    readonly onConnection: (connection: string) => Inline[]
    readonly sqlBelow: string
    readonly where: (condition: string) => Inline[]
  }
  readonly keyText: (columns: readonly string[], sensitive: boolean) => Inline[]
  readonly resultName: string
  /** A cron expression's common forms in words (see `describeCron` in src/explain/phrase-helpers.ts). */
  readonly cron: {
    /** The days of the week from Sunday, as cron numbers them (0–6). */
    readonly weekdays: readonly [string, string, string, string, string, string, string]
    readonly everyDay: string
    /** A range of days: `måndag–fredag`, `Monday to Friday`. */
    readonly dayRange: (from: string, to: string) => string
    /** `varje dag kl. 04:15 (cron 15 4 * * *)`: the days, the time `HH:MM` and the expression as written. */
    readonly at: (days: string, time: string, expression: string) => string
  }
  readonly scheduleRun: (name: string, when: string, checks: readonly string[] | undefined) => Inline[]
  /** Waiting for the load; `poll`, `deadline` and `maxAge` are durations in words. */
  readonly loadWait: (
    connection: string,
    poll: string,
    deadline: string,
    maxAge: string,
    vendor: boolean,
  ) => Inline[]
  readonly noScheduleRuns: string
  readonly noMail: (extra: readonly string[]) => Inline[]
  readonly cutoffRule: (
    query: string,
    from: string,
    source: string | undefined,
    target: string | undefined,
  ) => Inline[][]
  readonly noCutoff: string
  /**
   * What a run does with the source's changes after the load, and whether they can raise an alarm, for each way a
   * definition handles them (src/explain/late-change-handling.ts).
   */
  readonly lateChanges: {
    /** No cutoff. */
    readonly none: Inline[][]
    /** A cutoff but no `late_changes`; `sourceColumn` is the source's cutoff column, when it has one. */
    readonly cutoffOnly: (sourceColumn: string | undefined) => Inline[][]
    /** Late changes left out by key; `maxKeys` is formatted. */
    readonly keys: (sourceColumn: string, maxKeys: string) => Inline[][]
    /** The source read as of the cutoff. */
    readonly asOf: Inline[][]
  }
  /**
   * Who is alerted, and when (the incident policy); `reminderAfter` is the reminder interval in words, or null
   * when reminders are off.
   */
  readonly alerting: (
    installation: readonly string[] | null,
    extra: readonly string[],
    reminderAfter: string | null,
  ) => Inline[]
  readonly vendorTicket: (vendor: boolean, addresses: readonly string[] | null) => Inline[]
  /** A webhook that receives incident events (`incident_opened`, …), with its name from the configuration. */
  readonly webhook: (name: string, events: readonly string[]) => Inline[]
  readonly hashText: string
  readonly sqlFrom: {
    readonly store: (runId: string, at: string) => Inline[]
    readonly connect: (at: string) => Inline[]
    readonly none: (problem: string | undefined) => Inline[]
    readonly parameters: (values: string) => Inline[]
    readonly usedBy: (side: string, n: number, results: readonly string[]) => Inline[]
    readonly cutoffValue: (value: string) => Inline[]
  }
  readonly short: {
    readonly query: string
  }
  readonly backToSummary: string
}
