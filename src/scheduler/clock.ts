/** Time as the scheduler sees it: injected, so tests can set it to 02:59 on a DST night and pass hours at once. */
export interface Clock {
  /** The current instant. */
  now(): Date
  /** Waits `ms` milliseconds, or less when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The system clock, with a sleep that ends early on abort. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted === true) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    }),
}
