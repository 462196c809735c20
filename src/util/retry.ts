/** How often and how patiently to retry an operation that failed for a transient reason. */
export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  readonly attempts: number
  /** Delay before the second attempt, in ms; doubles each time. */
  readonly initialDelayMs: number
  /** Upper bound of one delay, in ms. */
  readonly maxDelayMs: number
}

/** What happened on each attempt, so a result can say "failed 3 times over 14s". */
export interface AttemptLog {
  readonly attempts: number
  readonly errors: readonly unknown[]
}

/** Sleeps, injectable so tests need not wait for real backoff. */
export type Sleep = (ms: number) => Promise<void>

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `operation` until it succeeds, `isRetryable` says no, or attempts run out.
 * Throws the last error, with `attempts` recorded on the returned log via `onAttemptFailed`.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  isRetryable: (error: unknown) => boolean,
  options: { sleep?: Sleep; onAttemptFailed?: (error: unknown, attempt: number) => void } = {},
): Promise<T> {
  const sleep = options.sleep ?? realSleep
  let delay = policy.initialDelayMs
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error: unknown) {
      options.onAttemptFailed?.(error, attempt)
      if (attempt >= policy.attempts || !isRetryable(error)) throw error
      await sleep(delay)
      delay = Math.min(delay * 2, policy.maxDelayMs)
    }
  }
}
