import { z } from 'zod'
import { sqlRefinement } from '../sql-text/sql-guard.js'
import { type AssertionSyntaxTable, kindList } from './assertion-syntax.js'

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

/** The schema of one assertion: the union of every kind's schema, told apart by `kind`. */
function assertionSchemaFor(kinds: AssertionSyntaxTable) {
  const [first, ...rest] = Object.values(kinds).map((k) => k.schema)
  if (first === undefined) throw new Error('no kinds of assertion are registered')
  return z.discriminatedUnion('kind', [first, ...rest], {
    error: (issue) =>
      issue.code === 'invalid_union' ? `kind must be one of ${kindList(kinds, true)}` : undefined,
  })
}

/** One check definition file, as a person writes it, with the assertions of the given kinds. */
export function definitionSchemaFor(kinds: AssertionSyntaxTable) {
  return z.strictObject({
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
      .array(assertionSchemaFor(kinds))
      .min(1, `add at least one assertion (${kindList(kinds, false)})`),
  })
}

/** A definition as written in YAML. */
export type DefinitionInput = z.input<ReturnType<typeof definitionSchemaFor>>
/** A definition after schema validation, before cross-references are resolved. */
export type DefinitionSchemaOutput = z.output<ReturnType<typeof definitionSchemaFor>>
