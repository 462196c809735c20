import { z } from 'zod'
import { durationSchema } from '../../config/schema.js'
import type { AssertionSyntax } from '../../definitions/assertion-syntax.js'
import type { ChecksumAssertion } from '../../definitions/types.js'

const schema = z.strictObject({
  kind: z.literal('checksum'),
  name: z.string().optional(),
  columns: z.array(z.string().min(1)).min(1).optional(),
  locate: z.boolean().default(true),
  segment_rows: z.int().min(2).max(100_000).default(64),
  max_rows_fetched: z.int().min(100).max(10_000_000).default(200_000),
  max_keys_reported: z.int().min(0).max(1000).default(20),
  max_locate_time: durationSchema.prefault('10m').refine((ms) => ms >= 1000 && ms <= 7_200_000, {
    message: 'max_locate_time must be between 1s and 2h (default 10m)',
  }),
})

/** A `checksum` assertion in YAML: every mapped column unless `columns` names some; locating needs a key. */
export const checksumSyntax: AssertionSyntax<ChecksumAssertion, typeof schema> = {
  schema,
  resolve(a, { at, field, columns, key, problem, column }) {
    const hashed =
      a.columns === undefined
        ? columns
        : a.columns.flatMap((c, j) => column(c, [...at, 'columns', j], `${field}.columns[${j}]`) ?? [])
    if (hashed.length === 0) {
      problem([...at], field, 'a checksum needs at least one mapped column in "columns"')
    }
    if (a.locate && key.length === 0) {
      problem(
        [...at, 'locate'],
        `${field}.locate`,
        'locating differing rows needs the definition\'s "key" (the columns that identify a row); set "key", or "locate: false" to only compare',
      )
    }
    return {
      kind: 'checksum',
      key: a.name ?? 'checksum',
      columns: hashed,
      locate: a.locate,
      segmentRows: a.segment_rows,
      maxRowsFetched: a.max_rows_fetched,
      maxKeysReported: a.max_keys_reported,
      maxLocateMs: a.max_locate_time,
    }
  },
}
