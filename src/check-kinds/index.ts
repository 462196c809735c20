import type { Assertion } from '../definitions/types.js'
import { aggregateKind } from './aggregate/kind.js'
import type { CheckKind } from '../plan/check-kind.js'
import { checksumKind } from './checksum/kind.js'
import { freshnessKind } from './freshness/kind.js'
import { rowCountKind } from './row-count/kind.js'

type KindOf<K extends Assertion['kind']> = CheckKind<Extract<Assertion, { kind: K }>>

/** Every kind of assertion, by its `kind`; the compiler reports a kind of `Assertion` missing here. */
export const CHECK_KINDS: { [K in Assertion['kind']]: KindOf<K> } = {
  row_count: rowCountKind,
  aggregate: aggregateKind,
  freshness: freshnessKind,
  checksum: checksumKind,
}

/** The implementation of an assertion's kind. New kinds register here. */
export function kindOf<A extends Assertion>(assertion: A): CheckKind<A> {
  return CHECK_KINDS[assertion.kind] as unknown as CheckKind<A>
}

/** The kind a stored result names, or undefined for a name no kind has (e.g. written by another version). */
export function kindNamed(kind: string): CheckKind<Assertion> | undefined {
  return Object.hasOwn(CHECK_KINDS, kind)
    ? (CHECK_KINDS[kind as Assertion['kind']] as unknown as CheckKind<Assertion>)
    : undefined
}
