import type { CheckDefinition, Side } from '../definitions/types.js'
import type { IncidentPolicy } from '../incidents/decide.js'
import type { Inline } from './blocks.js'
import type { Language } from '../i18n/language.js'
import type { LateChangeHandling } from './late-change-handling.js'
import { en } from './phrases-en.js'
import { sv } from './phrases-sv.js'

type Severity = CheckDefinition['severity']

/** Everything the control document says, in one language. Data (names, SQL, hashes) is passed in, never translated. */
export interface Phrases {
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
    readonly checkCount: (n: number) => string
  }
  readonly summaryHeading: string
  readonly summaryHead: readonly string[]
  readonly checksHeading: string
  readonly severity: Readonly<Record<Severity, string>>
  readonly sideName: Readonly<Record<Side, string>>
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
  readonly cron: (cron: string) => string
  readonly scheduleRun: (name: string, when: string, checks: readonly string[] | undefined) => Inline[]
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
  /** What a run does with the source's changes after the load, and whether they can raise an alarm. */
  readonly lateChanges: (handling: LateChangeHandling) => Inline[][]
  /** Who is alerted, and when (the incident policy); `duration` says an interval in words. */
  readonly alerting: (
    installation: readonly string[] | null,
    extra: readonly string[],
    policy: IncidentPolicy,
    duration: (ms: number) => string,
  ) => Inline[]
  readonly vendorTicket: (vendor: boolean, addresses: readonly string[] | null) => Inline[]
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
  readonly list: (items: readonly string[]) => string
  readonly backToSummary: string
}

/** The control document's phrases in a language. */
export const PHRASES: Readonly<Record<Language, Phrases>> = { sv, en }
