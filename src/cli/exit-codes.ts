/** Exit statuses of `reconcile run` and the other commands; documented in README.md. */
export const EXIT = {
  /** Every assertion passed (or, for other commands, success). */
  ok: 0,
  /** Some assertion found a difference beyond its tolerance. */
  failed: 1,
  /** Some check could not run, or results could not be stored and were spooled. */
  error: 2,
  /** The configuration or a definition is invalid; nothing ran. */
  invalid: 3,
  /** `run --wait-for-load`: the night's load had not finished by the deadline; recorded and alerted, no check ran. */
  loadLate: 4,
} as const
