import { z } from 'zod'
import { durationSchema } from '../../config/schema.js'
import type { AssertionSyntax } from '../../definitions/assertion-syntax.js'
import type { FreshnessAssertion } from '../../definitions/types.js'

const schema = z
  .strictObject({
    kind: z.literal('freshness'),
    name: z.string().optional(),
    column: z.string().min(1),
    max_age: durationSchema.optional(),
    max_age_from: z.enum(['run_time', 'cutoff']).default('run_time'),
    max_lag: durationSchema.optional(),
  })
  .refine((f) => f.max_age !== undefined || f.max_lag !== undefined, {
    message: 'set max_age (newest target row vs. run time), max_lag (target behind source), or both',
  })

/** A `freshness` assertion in YAML; `max_age_from: cutoff` needs the definition's cutoff. */
export const freshnessSyntax: AssertionSyntax<FreshnessAssertion, typeof schema> = {
  schema,
  resolve(a, { at, field, column }) {
    const col = column(a.column, [...at, 'column'], `${field}.column`)
    if (col === undefined) return undefined
    return {
      kind: 'freshness',
      key: a.name ?? `freshness(${col.name})`,
      column: col,
      maxAgeMs: a.max_age,
      maxAgeFrom: a.max_age_from,
      maxLagMs: a.max_lag,
    }
  },
  check(a, { at, field, hasCutoff, problem }) {
    if (a.maxAgeFrom === 'cutoff' && !hasCutoff)
      problem(
        [...at, 'max_age_from'],
        `${field}.max_age_from`,
        'max_age_from: cutoff needs the definition\'s "cutoff"; add one, or measure from run_time',
      )
  },
}
