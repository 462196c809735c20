import type { CheckDefinition } from '../definitions/types.js'

/**
 * What a run does with the live source's changes after the load, for one definition. It is read from the same
 * fields the runner acts on (`cutoff`, which `planSide` turns into the cutoff filters, and `lateChanges`, which
 * `resolveLateChanges` turns into the key list or the as-of read), so the document cannot promise more than a run
 * does.
 * - `none`: no cutoff; both sides are compared as they are when the check runs.
 * - `cutoff_only`: a cutoff but no `late_changes`; only rows whose cutoff column is later are left out, on that
 *   side alone, so rows changed or deleted in the source after the load can make the sides differ.
 * - `keys`: the keys of source rows whose `sourceColumn` is later than the cutoff are left out on both sides;
 *   rows deleted in the source after the load still show as extra in the copy.
 * - `as_of`: the source is read as it was at the cutoff; no change after it is seen.
 */
export type LateChangeHandling =
  | { readonly kind: 'none' }
  | { readonly kind: 'cutoff_only'; readonly sourceColumn?: string; readonly targetColumn?: string }
  | { readonly kind: 'keys'; readonly sourceColumn: string; readonly maxKeys: number }
  | { readonly kind: 'as_of' }

/** How a definition's checks treat the source's changes after the load. */
export function lateChangeHandling(definition: CheckDefinition): LateChangeHandling {
  const { cutoff, lateChanges } = definition
  // The runner resolves late changes only with a cutoff (and the loader requires one for them).
  if (cutoff === undefined) return { kind: 'none' }
  if (lateChanges === undefined)
    return {
      kind: 'cutoff_only',
      ...(cutoff.sourceColumn === undefined ? {} : { sourceColumn: cutoff.sourceColumn }),
      ...(cutoff.targetColumn === undefined ? {} : { targetColumn: cutoff.targetColumn }),
    }
  if (lateChanges.method === 'as_of') return { kind: 'as_of' }
  return { kind: 'keys', sourceColumn: lateChanges.sourceColumn, maxKeys: lateChanges.maxKeys }
}
