import { localDate } from '../i18n/format.js'
import { localWallToUtcMs } from '../util/time-zone.js'
import type { DefinitionChange, StoredIncident, StoredRun, StoreQueries } from '../store/store-queries.js'
import type { StoredResult } from '../store/stored-result.js'

/** How the control fared on one night (a local calendar date of the configured zone). */
export type NightStatus =
  /** At least one run started and finished, and it could check everything (it may have found differences). */
  | 'ran'
  /** Runs finished, but every one of them had checks that could not run. */
  | 'incomplete'
  /** Runs started but none finished (the process stopped or was killed). */
  | 'not_finished'
  /** No run started. */
  | 'not_run'

/** One night of the period and the runs that started on it. */
export interface Night {
  /** `YYYY-MM-DD`, local date. */
  readonly date: string
  readonly status: NightStatus
  readonly runIds: readonly string[]
}

/** A result as the evidence reports it: the stored result plus the incident it belongs to, if any. */
export interface EvidenceResult extends StoredResult {
  /** The incident a non-passing result belongs to; null when it passed or incidents are not recorded. */
  readonly incidentId: string | null
}

/** Everything recorded in a period: proof of when the control ran and what it found. Counts and hashes only. */
export interface Evidence {
  readonly installation: string
  readonly timezone: string
  /** First and last local date of the period, inclusive. */
  readonly from: string
  readonly to: string
  readonly generatedAt: Date
  readonly runs: readonly StoredRun[]
  readonly results: readonly EvidenceResult[]
  /** Every night of the period up to today, oldest first. */
  readonly nights: readonly Night[]
  /** Definition hashes first seen in the period (a check's first result counts as a change from nothing). */
  readonly definitionChanges: readonly DefinitionChange[]
  /** Whether the store records incidents (a store made before incidents existed does not). */
  readonly incidentsRecorded: boolean
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses `YYYY-MM-DD` strictly; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const m = DATE.exec(text)
  if (m === null) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().slice(0, 10) === text ? text : undefined
}

/** The instant local midnight starts `date` in `zone`. */
export function startOfLocalDate(date: string, zone: string): Date {
  return new Date(localWallToUtcMs(Date.parse(`${date}T00:00:00Z`), zone))
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

function nightStatus(runs: readonly StoredRun[]): NightStatus {
  if (runs.length === 0) return 'not_run'
  const finished = runs.filter((r) => r.finishedAt !== null && r.status === 'finished')
  if (finished.length === 0) return 'not_finished'
  return finished.some((r) => (r.errors ?? 0) === 0) ? 'ran' : 'incomplete'
}

/**
 * The incident a non-passing result belongs to: the one of its check whose runs, from the one that opened it to the
 * last one that saw it, include the result's run.
 */
function incidentOf(
  result: StoredResult,
  incidents: readonly StoredIncident[],
  starts: ReadonlyMap<string, Date>,
): string | null {
  const t = starts.get(result.runId)?.getTime()
  if (result.status === 'pass' || t === undefined) return null
  const found = incidents.find((i) => {
    const first = starts.get(i.openedRunId)?.getTime()
    const last = starts.get(i.lastRunId)?.getTime()
    return i.check === result.check && first !== undefined && last !== undefined && first <= t && t <= last
  })
  return found?.incidentId ?? null
}

/**
 * Collects the evidence of the local dates `from`..`to` (inclusive) in `timezone`: every run started in the period
 * and all its results, the status of each night up to `now`, and the definition changes first seen in the period.
 */
export async function collectEvidence(
  queries: StoreQueries,
  options: { from: string; to: string; timezone: string; installation: string; now?: () => Date },
): Promise<Evidence> {
  const now = (options.now ?? (() => new Date()))()
  const start = startOfLocalDate(options.from, options.timezone)
  const end = startOfLocalDate(nextDate(options.to), options.timezone)
  const runs = (await queries.runs({ from: start, to: end, limit: 100_000 })).reverse()
  const results = await queries.resultsOfRuns(runs.map((r) => r.runId))
  const incidents = await queries.incidents({ limit: 100_000 })
  const starts = await queries.runStarts([
    ...runs.map((r) => r.runId),
    ...(incidents ?? []).flatMap((i) => [i.openedRunId, i.lastRunId]),
  ])
  const today = localDate(now, options.timezone)
  const nights: Night[] = []
  for (let date = options.from; date <= options.to && date <= today; date = nextDate(date)) {
    const own = runs.filter((r) => localDate(r.startedAt, options.timezone) === date)
    nights.push({ date, status: nightStatus(own), runIds: own.map((r) => r.runId) })
  }
  const changes = (await queries.definitionChanges(end)).filter((c) => c.firstSeenAt >= start)
  return {
    installation: options.installation,
    timezone: options.timezone,
    from: options.from,
    to: options.to,
    generatedAt: now,
    runs,
    results: results.map((r) => ({
      ...r,
      incidentId: incidents === null ? null : incidentOf(r, incidents, starts),
    })),
    nights,
    definitionChanges: changes,
    incidentsRecorded: incidents !== null,
  }
}
