/** One (check, assertion) result that an injected fault must turn into `fail`. */
export interface ExpectedFailure {
  /** Check definition id, e.g. `outpatient-visits`. */
  readonly check: string
  /** Assertion key within the check, e.g. `row_count` or `sum(fee)`. */
  readonly assertion: string
}

/** A difference the demo deliberately put into the reporting copy. */
export interface InjectedFault {
  /** Short stable id, e.g. `missing-unit-day`. */
  readonly id: string
  /** One English sentence a newcomer understands: what is wrong in the reporting copy. */
  readonly description: string
  /** The results that must fail for the fault to count as caught; all of them. */
  readonly expectedFailures: readonly ExpectedFailure[]
}

/** What {@link seedDemoDatabases} built: the cutoff, the faults it injected and the size of the data. */
export interface DemoScenario {
  /** The nightly load's snapshot time, naive local time `YYYY-MM-DDTHH:MM:SS` (Europe/Stockholm). */
  readonly cutoff: string
  readonly faults: readonly InjectedFault[]
  /** Rows inserted into the source after the cutoff; a fair comparison must ignore them. */
  /** Rows the source got after the cutoff: new visits and referrals, and older visits updated. */
  readonly postCutoffChanges: {
    readonly visits: number
    readonly referrals: number
    readonly updatedVisits: number
  }
  /** Rows in the source database, including those inserted after the cutoff. */
  readonly rows: {
    readonly patients: number
    readonly visits: number
    readonly referrals: number
    readonly units: number
  }
}
