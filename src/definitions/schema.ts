import { z } from 'zod'
import { durationSchema } from '../config/schema.js'
import { sqlRefinement } from '../sql-text/sql-guard.js'

/**
 * One part of a name: a letter (any alphabet, so å, ä and ö too) or "_", then letters, digits and "_", at most
 * 128 characters. Nothing else can reach the SQL: the dialect quotes every name when it builds a statement.
 */
const IDENTIFIER_PART = '[\\p{L}_][\\p{L}\\p{N}_]{0,127}'

const identifier = z
  .string()
  .regex(
    new RegExp(`^${IDENTIFIER_PART}$`, 'u'),
    'a column name is letters, digits and "_", starting with a letter or "_" (no spaces, quotes, brackets or operators), e.g. "Besoksdatum"',
  )

const tableName = z
  .string()
  .regex(
    new RegExp(`^${IDENTIFIER_PART}\\.${IDENTIFIER_PART}$`, 'u'),
    'write the table as schema.table with letters, digits and "_" only (no quotes, brackets, spaces or SQL), e.g. "dbo.Vardkontakt" or "ci.fact_visit"',
  )

/** SQL used as a filter: one expression (see sql-guard.ts). */
const whereSql = z.string().min(1).superRefine(sqlRefinement('where'))
/** SQL used as a whole query: one SELECT (see sql-guard.ts). */
const querySql = z.string().min(1).superRefine(sqlRefinement('query'))

/** Where the rows of one side come from: a table (with an optional filter) or a query. */
const datasetSchema = z
  .strictObject({
    connection: z.string().min(1, 'name a connection from config/reconcile.yaml'),
    table: tableName.optional(),
    where: whereSql.optional(),
    query: querySql.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.query !== undefined && /^\s*with\s/i.test(d.query)) {
      ctx.addIssue({
        code: 'custom',
        path: ['query'],
        message:
          'a query cannot start with WITH: SQL Server does not allow a CTE inside the derived table it is wrapped in; use a subquery or a view',
      })
    }
    if (d.query !== undefined && /\border\s+by\s[^)]*$/i.test(d.query)) {
      ctx.addIssue({
        code: 'custom',
        path: ['query'],
        message: 'remove the final ORDER BY: the query is aggregated, order has no meaning',
      })
    }
    if ((d.table === undefined) === (d.query === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'set exactly one of "table" or "query"' })
    }
    if (d.query !== undefined && d.where !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['where'],
        message: '"where" goes with "table"; put the filter inside the query',
      })
    }
  })

/** Type families a column can be declared as when the engine cannot tell (columns of a `query`). */
export const TYPE_FAMILIES = [
  'integer',
  'decimal',
  'float',
  'text',
  'date',
  'timestamp',
  'timestamptz',
  'boolean',
] as const

const columnSchema = z.union([
  identifier,
  z.strictObject({
    name: identifier.optional(),
    source: identifier,
    target: identifier,
    type: z.enum(TYPE_FAMILIES).optional(),
    // Checksum normalisation (docs/checksum.md).
    precision: z.int().min(0).max(7, 'timestamps keep at most 7 fraction digits (100 ns)').optional(),
    scale: z
      .int()
      .min(0)
      .max(20, 'a scale above 20 leaves too few integer digits in decimal(38, s)')
      .optional(),
    rounding: z.enum(['round', 'truncate']).optional(),
    trim_trailing_spaces: z.boolean().optional(),
    ignore_case: z.boolean().optional(),
  }),
])

const toleranceSchema = z
  .strictObject({
    absolute: z
      .number({ error: (issue) => `expected a number ≥ 0, e.g. 0 or 5, got ${JSON.stringify(issue.input)}` })
      .min(0, 'expected a number ≥ 0, e.g. 0 or 5')
      .optional(),
    percent: z
      .number({
        error: (issue) => `expected a number ≥ 0 without "%", e.g. 0.5, got ${JSON.stringify(issue.input)}`,
      })
      .min(0, 'expected a number ≥ 0 without "%", e.g. 0.5')
      .max(100)
      .optional(),
  })
  .prefault({})

const rowCountSchema = z.strictObject({
  kind: z.literal('row_count'),
  name: z.string().optional(),
  tolerance: toleranceSchema,
  group_by: z.array(z.string().min(1)).min(1).optional(),
  max_groups_reported: z.int().min(1).max(1000).default(20),
})

/** Aggregate functions an `aggregate` assertion can compare. */
export const AGGREGATE_FUNCTIONS = ['sum', 'min', 'max', 'null_count', 'distinct_count'] as const

const aggregateSchema = z.strictObject({
  kind: z.literal('aggregate'),
  name: z.string().optional(),
  column: z.string().min(1),
  functions: z.array(z.enum(AGGREGATE_FUNCTIONS)).min(1),
  tolerance: toleranceSchema,
})

const freshnessSchema = z
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

const checksumSchema = z.strictObject({
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

const assertionSchema = z.discriminatedUnion(
  'kind',
  [rowCountSchema, aggregateSchema, freshnessSchema, checksumSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'kind must be one of "row_count", "aggregate", "freshness" or "checksum"'
        : undefined,
  },
)

const cutoffSchema = z.strictObject({
  from: z.enum(['source', 'target']),
  query: z
    .string()
    .min(1, 'write a query that returns one timestamp, e.g. SELECT MAX(finished_at) FROM etl.load_log')
    .superRefine(sqlRefinement('query')),
  source_column: identifier.optional(),
  target_column: identifier.optional(),
})

/** Source rows changed after the cutoff: their keys left out on both sides, or the source read as of the cutoff. */
const lateChangesSchema = z
  .strictObject({
    source_column: identifier.optional(),
    max_keys: z.int().min(1).max(10_000_000).default(100_000),
    read_as_of: z.literal('system_time').optional(),
  })
  .refine((l) => (l.source_column === undefined) !== (l.read_as_of === undefined), {
    message:
      "set exactly one of source_column (the source's change-time column) or read_as_of: system_time (a SQL Server temporal table)",
  })

/** One check definition file, as a person writes it. */
export const definitionSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]*$/,
      'an id is lower-case letters, digits, ".", "-" and "_", e.g. "outpatient-visits"',
    ),
  title: z.string().min(1),
  description: z.string().min(1, 'describe in plain language what this check protects'),
  owner: z.string().min(1),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  source: datasetSchema,
  target: datasetSchema,
  columns: z.array(columnSchema).default([]),
  key: z.array(identifier).default([]),
  key_sensitive: z.boolean().default(true),
  cutoff: cutoffSchema.optional(),
  late_changes: lateChangesSchema.optional(),
  notify: z
    .strictObject({
      vendor: z.boolean().default(false),
      recipients: z
        .array(z.email('write a full e-mail address, e.g. diver-forvaltning@region.se'))
        .default([]),
    })
    .prefault({}),
  assertions: z
    .array(assertionSchema)
    .min(1, 'add at least one assertion (row_count, aggregate, freshness or checksum)'),
})

/** A definition as written in YAML. */
export type DefinitionInput = z.input<typeof definitionSchema>
/** A definition after schema validation, before cross-references are resolved. */
export type DefinitionSchemaOutput = z.output<typeof definitionSchema>
