/** Machine-readable codes for every error this tool reports. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'ENV_MISSING'
  | 'CONNECTION_UNREACHABLE'
  | 'AUTH_FAILED'
  | 'QUERY_TIMEOUT'
  | 'QUERY_FAILED'
  | 'PLAN_INVALID'
  | 'LATE_CHANGES_LIMIT'
  | 'STORE_UNAVAILABLE'
  | 'MAIL_FAILED'
  | 'WEBHOOK_FAILED'
  | 'LOAD_LATE'
  | 'RUN_ABORTED'

/**
 * The one error class of this tool: a code a program can switch on, and a message a person can act on.
 * Messages never contain passwords or row values.
 */
export class ReconcileError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ReconcileError'
    this.code = code
  }
}

/** One problem in a configuration or definition file, located as precisely as the parser allows. */
export interface ValidationIssue {
  /** Path of the file, as given to the loader (relative paths stay relative). */
  readonly file: string
  /** 1-based line, when the problem can be tied to one. */
  readonly line?: number
  /**
   * Dotted field path such as `assertions[2].tolerance.percent`; {@link WHOLE_FILE} for the file as a whole; empty
   * only for a YAML syntax problem, which `line` locates.
   */
  readonly field: string
  /** What is wrong and how to fix it. */
  readonly message: string
}

/**
 * The `field` of a problem that belongs to no one field: the file's size, encoding or top-level shape. Problems
 * tied to a line (YAML syntax) keep an empty field; every other problem names a field or this.
 */
export const WHOLE_FILE = '(whole file)'

/** Formats an issue as `file:line: field: message`, the form editors and CI logs can jump to. */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`
  return issue.field === '' ? `${where}: ${issue.message}` : `${where}: ${issue.field}: ${issue.message}`
}

/** Every problem found while loading configuration and definitions, reported together. */
export class ValidationError extends ReconcileError {
  readonly issues: readonly ValidationIssue[]

  constructor(issues: readonly ValidationIssue[]) {
    super(
      'CONFIG_INVALID',
      `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} in configuration:\n${issues.map(formatIssue).join('\n')}`,
    )
    this.name = 'ValidationError'
    this.issues = issues
  }
}

/**
 * Returns a message for any thrown value, walking `cause` chains (and the members of an AggregateError without a
 * message of its own) so the root reason is visible. Each reason appears once: a cause whose text an outer message
 * already contains (`Failed to connect to h:1 - connect ECONNREFUSED h:1` caused by `connect ECONNREFUSED h:1`)
 * adds nothing, and an outer message contained in its cause's text gives way to it.
 */
export function describeError(error: unknown): string {
  const parts: string[] = []
  const add = (text: string): void => {
    const message = text.trim()
    if (message === '' || parts.some((p) => p.includes(message))) return
    const shorter = parts.findIndex((p) => message.includes(p))
    if (shorter >= 0) parts.splice(shorter, 1, message)
    else parts.push(message)
  }
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof AggregateError && current.message === '') {
      for (const member of current.errors.slice(0, 5)) add(describeError(member))
      current = current.cause
    } else if (current instanceof Error) {
      add(current.message)
      current = current.cause
    } else {
      add(String(current))
      break
    }
  }
  return parts.join(': ')
}
