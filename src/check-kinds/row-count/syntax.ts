import { z } from 'zod'
import type { AssertionSyntax } from '../../definitions/assertion-syntax.js'
import type { RowCountAssertion } from '../../definitions/types.js'
import { toleranceSchema } from '../tolerance/tolerance.js'

const schema = z.strictObject({
  kind: z.literal('row_count'),
  name: z.string().optional(),
  tolerance: toleranceSchema,
  group_by: z.array(z.string().min(1)).min(1).optional(),
  max_groups_reported: z.int().min(1).max(1000).default(20),
})

/** A `row_count` assertion in YAML; a key column may not be grouped by while keys are sensitive. */
export const rowCountSyntax: AssertionSyntax<RowCountAssertion, typeof schema> = {
  schema,
  resolve(a, { at, field, key, keySensitive, problem, column }) {
    const groupBy = (a.group_by ?? []).flatMap(
      (g, j) => column(g, [...at, 'group_by', j], `${field}.group_by[${j}]`) ?? [],
    )
    groupBy.forEach((g, j) => {
      if (keySensitive && key.includes(g.name)) {
        problem(
          [...at, 'group_by', j],
          `${field}.group_by[${j}]`,
          `"${g.name}" is a key column: grouping by it would put key values in results and mail; group by a day or a unit, or set key_sensitive: false if the key identifies no person`,
        )
      }
    })
    return {
      kind: 'row_count',
      key:
        a.name ??
        (groupBy.length === 0 ? 'row_count' : `row_count by ${groupBy.map((g) => g.name).join(', ')}`),
      tolerance: a.tolerance,
      groupBy,
      maxGroupsReported: a.max_groups_reported,
    }
  },
}
