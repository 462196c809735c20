import type { StoreConfig } from '../config/types.js'
import { describeError } from '../errors/errors.js'
import type { CheckResult } from '../results/types.js'
import type { Sleep } from '../util/retry.js'
import { ResultsStore, type RunFinish, type RunStart } from './results-store.js'
import { loadSpool, type SpoolRecovery, SpoolWriter } from './spool.js'

/**
 * Records one run so that nothing is lost: into the results store while it can be written, and from the first
 * failed write on into a spool file that the next run loads. Results are recorded as each check finishes, so a
 * crash mid-run keeps what was found until then.
 */
export class Recorder {
  private store: ResultsStore | undefined
  private spool: SpoolWriter | undefined
  private readonly recorded: Array<{ seq: number; result: CheckResult }> = []
  private problem: string | undefined
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly config: StoreConfig,
    private readonly run: RunStart,
    /** What loading earlier spool files did. */
    readonly recovery: SpoolRecovery,
    /** A store lent by the caller is used but never closed. */
    private readonly borrowed: boolean,
  ) {}

  /**
   * Opens the store (or falls back to the spool), loads earlier spool files, and records the run's start.
   * With `options.store` the caller's open store is used and left open (a daemon keeps one for its lifetime).
   */
  static async start(
    config: StoreConfig,
    run: RunStart,
    options: { sleep?: Sleep; store?: ResultsStore } = {},
  ): Promise<Recorder> {
    const borrowed = options.store !== undefined
    let store: ResultsStore | undefined = options.store
    let recovery: SpoolRecovery = { runsLoaded: 0, resultsLoaded: 0, runs: [], problems: [] }
    let problem: string | undefined
    try {
      store ??= await ResultsStore.open(config, options)
      recovery = await loadSpool(config.spoolDir, store)
      await store.insertRun(run)
    } catch (error: unknown) {
      problem = describeError(error)
      if (!borrowed) await store?.close()
      store = undefined
    }
    const recorder = new Recorder(config, run, recovery, borrowed)
    recorder.store = store
    if (problem !== undefined) recorder.fallBack(problem)
    return recorder
  }

  private async release(): Promise<void> {
    const store = this.store
    this.store = undefined
    if (!this.borrowed) await store?.close()
  }

  /** Whether every result so far reached the store. */
  get stored(): boolean {
    return this.spool === undefined
  }

  /** The spool file in use, when the store failed. */
  get spoolFile(): string | undefined {
    return this.spool?.file
  }

  /** Why the store could not be written, when it could not. */
  get storeProblem(): string | undefined {
    return this.problem
  }

  private fallBack(problem: string): void {
    this.problem = problem
    this.spool = new SpoolWriter(this.config.spoolDir, this.run.runId)
    this.spool.append({ type: 'run', run: this.run })
    for (const entry of this.recorded) this.spool.append({ type: 'result', ...entry })
  }

  /**
   * Records results; falls back to the spool on the first failed write. Calls are serialized, so results of
   * checks finishing at once keep distinct sequence numbers and the fallback happens once.
   */
  record(results: readonly CheckResult[]): Promise<void> {
    const next = this.writing.then(() => this.recordNow(results))
    this.writing = next
    return next
  }

  private async recordNow(results: readonly CheckResult[]): Promise<void> {
    const first = this.recorded.length + 1
    const entries = results.map((result, i) => ({ seq: first + i, result }))
    this.recorded.push(...entries)
    if (this.store !== undefined) {
      try {
        await this.store.insertResults(entries)
        return
      } catch (error: unknown) {
        await this.release()
        this.fallBack(describeError(error))
        return
      }
    }
    for (const entry of entries) this.spool?.append({ type: 'result', ...entry })
  }

  /** Records the run's end and closes the store. */
  async finish(finish: RunFinish): Promise<void> {
    await this.writing
    if (this.store !== undefined) {
      try {
        await this.store.finishRun(finish)
      } catch (error: unknown) {
        this.fallBack(describeError(error))
      }
    }
    this.spool?.append({ type: 'finish', finish })
    await this.release()
  }
}
