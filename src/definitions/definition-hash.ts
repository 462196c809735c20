import { createHash } from 'node:crypto'

/** JSON with object keys sorted at every level, so formatting and key order never change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Hash of a definition after validation and defaults: comments, whitespace, key order and defaults written
 * out or left implicit give the same hash; any change of meaning gives another.
 */
export function definitionHash(normalized: unknown): string {
  return createHash('sha256').update(canonicalJson(normalized)).digest('hex')
}
