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
  // Optional, not defaulted: a definition that leaves it out keeps its hash, and "said nothing" stays distinct
  // from "said false" (only false lets min/max show a text or date column's value).
  values_sensitive: z
    .boolean({
      error:
        "write true or false: false says the column's values identify no one (e.g. a care unit code or a load date), so min and max may show them",
    })
    .optional(),
})

/**
 * An `aggregate` assertion in YAML. Min and max are refused here when they would show a value the definition says
 * identifies a person: of a key column while keys are sensitive, or of a column marked `values_sensitive: true`.
 * Text and date columns are refused later, at plan time, when the catalog gives the column's type.
 */
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
    if (extremes.length > 0 && a.values_sensitive === true) {
      problem(
        [...at, 'functions'],
        `${field}.functions`,
        `${extremes.join(' and ')} of "${a.column}" would put one row's value in results and mail, but values_sensitive: true says its values identify a person; remove ${extremes.join(' and ')} (null_count and distinct_count show no value)`,
      )
    }
    if (col === undefined) return undefined
    return {
      kind: 'aggregate',
      key: a.name ?? `aggregate(${col.name})`,
      column: col,
      functions: a.functions,
      tolerance: a.tolerance,
      ...(a.values_sensitive === undefined ? {} : { valuesSensitive: a.values_sensitive }),
    }
  },
}
