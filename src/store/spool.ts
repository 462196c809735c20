import { appendFileSync, mkdirSync } from 'node:fs'
import { readdir, readFile, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { describeError } from '../errors/errors.js'
import type { CheckResult } from '../results/types.js'
import type { ResultsStore, RunFinish, RunStart } from './results-store.js'

/** One line of a spool file. */
type SpoolLine =
  | { readonly type: 'run'; readonly run: RunStart }
  | { readonly type: 'result'; readonly seq: number; readonly result: CheckResult }
  | { readonly type: 'finish'; readonly finish: RunFinish }

/** A spool file without a finish line younger than this may belong to a run still going on. */
export const UNFINISHED_SPOOL_GRACE_MS = 24 * 3_600_000

/**
 * A local JSON-lines file that holds a run's results while the store cannot be written. Each line is appended
 * synchronously, so a crash loses at most the line being written; the next run loads the file into the store.
 */
export class SpoolWriter {
  readonly file: string

  constructor(dir: string, runId: string) {
    mkdirSync(dir, { recursive: true })
    this.file = path.join(dir, `run-${runId}.jsonl`)
  }

  /** Appends one line. Throws when the spool directory is not writable either. */
  append(line: SpoolLine): void {
    appendFileSync(this.file, `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 })
  }
}

/** A run loaded from the spool: as it started, how it truly ended, and its results in order. */
export interface LoadedRun {
  readonly run: RunStart
  readonly finish: RunFinish
  readonly results: readonly CheckResult[]
}

/** What loading the spool did. */
export interface SpoolRecovery {
  readonly runsLoaded: number
  readonly resultsLoaded: number
  /** The runs loaded, oldest first, so that their results can go through incidents and alerts late. */
  readonly runs: readonly LoadedRun[]
  /** Files that could not be loaded, with why; they are left in place. */
  readonly problems: readonly string[]
}

/**
 * Loads every spool file in `dir` into the store and deletes each file once it is stored. Replays are safe:
 * runs and results already stored are skipped. A file whose run has not finished is loaded only once it is
 * older than {@link UNFINISHED_SPOOL_GRACE_MS}, and then recorded as aborted.
 */
export async function loadSpool(
  dir: string,
  store: ResultsStore,
  now: Date = new Date(),
): Promise<SpoolRecovery> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => /^run-.+\.jsonl$/.test(n)).sort()
  } catch (error: unknown) {
    if ((error as { code?: string }).code === 'ENOENT')
      return { runsLoaded: 0, resultsLoaded: 0, runs: [], problems: [] }
    return {
      runsLoaded: 0,
      resultsLoaded: 0,
      runs: [],
      problems: [`cannot read spool directory ${dir}: ${describeError(error)}`],
    }
  }
  let runsLoaded = 0
  let resultsLoaded = 0
  const runs: LoadedRun[] = []
  const problems: string[] = []
  for (const name of names) {
    const file = path.join(dir, name)
    try {
      const lines = parseSpool(await readFile(file, 'utf8'))
      const run = lines.find((l) => l.type === 'run')
      if (run === undefined) {
        problems.push(`${file}: no run line; left in place`)
        continue
      }
      const results = lines.flatMap((l) => (l.type === 'result' ? [{ seq: l.seq, result: l.result }] : []))
      let finish = lines.find((l) => l.type === 'finish')?.finish
      if (finish === undefined) {
        const age = now.getTime() - (await stat(file)).mtimeMs
        if (age < UNFINISHED_SPOOL_GRACE_MS) continue
        finish = {
          runId: run.run.runId,
          finishedAt: new Date((await stat(file)).mtimeMs).toISOString(),
          status: 'aborted',
          passed: results.filter((r) => r.result.status === 'pass').length,
          failed: results.filter((r) => r.result.status === 'fail').length,
          errors: results.filter((r) => r.result.status === 'error').length,
        }
      }
      await store.insertRun(run.run)
      await store.insertResults(results)
      await store.finishRun(finish)
      await unlink(file)
      runsLoaded += 1
      resultsLoaded += results.length
      runs.push({ run: run.run, finish, results: results.map((r) => r.result) })
    } catch (error: unknown) {
      problems.push(`${file}: ${describeError(error)}; left in place for the next run`)
    }
  }
  runs.sort((a, b) => a.run.startedAt.localeCompare(b.run.startedAt))
  return { runsLoaded, resultsLoaded, runs, problems }
}

/** Parses spool lines; a torn last line (a crash mid-write) is ignored, any other bad line is an error. */
function parseSpool(text: string): SpoolLine[] {
  const lines = text.split('\n')
  const out: SpoolLine[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    try {
      out.push(JSON.parse(line) as SpoolLine)
    } catch (error: unknown) {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '')
      if (!isLast) throw new Error(`line ${i + 1} is not valid JSON (${describeError(error)})`)
    }
  })
  return out
}
