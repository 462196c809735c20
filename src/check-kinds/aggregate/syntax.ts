import { z } from 'zod'
import type { AssertionSyntax } from '../../definitions/assertion-syntax.js'
import type { AggregateAssertion } from '../../definitions/types.js'
import { toleranceSchema } from '../tolerance/tolerance.js'

/** Aggregate functions an `aggregate` assertion can compare. */
export const AGGREGATE_FUNCTIONS = ['sum', 'min', 'max', 'null_count', 'distinct_count'] as const

const schema = z.strictObject({
  kind: z.literal('aggregate'),
  name: z.string().optional(),
  column: z.string().min(1),
  functions: z.array(z.enum(AGGREGATE_FUNCTIONS)).min(1),
  tolerance: toleranceSchema,
})

/** An `aggregate` assertion in YAML; min and max of a key column are refused while keys are sensitive. */
export const aggregateSyntax: AssertionSyntax<AggregateAssertion, typeof schema> = {
  schema,
  resolve(a, { at, field, key, keySensitive, problem, column }) {
    const col = column(a.column, [...at, 'column'], `${field}.column`)
    const extremes = a.functions.filter((fn) => fn === 'min' || fn === 'max')
    if (col !== undefined && extremes.length > 0 && keySensitive && key.includes(col.name)) {
      problem(
        [...at, 'functions'],
        `${field}.functions`,
        `${extremes.join(' and ')} of the key column "${col.name}" would put a key value in results and mail; use distinct_count or a checksum, or set key_sensitive: false if the key identifies no person`,
      )
    }
    if (col === undefined) return undefined
    return {
      kind: 'aggregate',
      key: a.name ?? `aggregate(${col.name})`,
      column: col,
      functions: a.functions,
      tolerance: a.tolerance,
    }
  },
}
