/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order.
 * Used per connection so that production sees no more than its configured concurrent queries.
 */
export class Limiter {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer, got ${limit}`)
  }

  /** Runs `task` when a slot is free; the slot is released however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.active += 1
    }
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next === undefined) this.active -= 1
      else next()
    }
  }

  /** Tasks running right now (for tests and diagnostics). */
  get running(): number {
    return this.active
  }
}
