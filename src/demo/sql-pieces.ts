/**
 * SQL building blocks of the demo's generating SQL (seed.ts, seed-rows.ts, faults.ts). Every value passed in is
 * produced by the demo, never read from input.
 */
import type { LocalDateTime } from './local-time.js'

/** A pseudo-random whole number in [0, n), fixed for each (row number, salt): PostgreSQL's 64-bit hash. */
export function hash(salt: number, n: number, expr = 'i'): string {
  return `((hashint8extended((${expr})::bigint, ${salt}) & 2147483647) % ${n})::int`
}

export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

export function timestamp(value: LocalDateTime): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) throw new Error(`not a local timestamp: ${value}`)
  return `TIMESTAMP '${value.replace('T', ' ')}'`
}

export function date(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a date: ${value}`)
  return `DATE '${value}'`
}
