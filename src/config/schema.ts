import { z } from 'zod'
import { parseDuration } from '../util/duration.js'

/** A duration written as `90s`, `5m`, `2h`, `1d`; parsed to milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value * 1000 : parseDuration(value)
  if (ms === undefined || ms < 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration such as "90s", "5m", "26h" or "1d", got ${JSON.stringify(value)}`,
    })
    return z.NEVER
  }
  return ms
})

const retrySchema = z.strictObject({
  attempts: z.int().min(1, 'attempts counts the first try too, so it must be at least 1').default(3),
  initial_delay: durationSchema.prefault('2s'),
  max_delay: durationSchema.prefault('30s'),
})

const connectionCommon = {
  statement_timeout: durationSchema.prefault('5m'),
  max_concurrent_queries: z
    .int()
    .min(1, 'max_concurrent_queries must be at least 1 (2 is gentle on production)')
    .max(32, 'max_concurrent_queries above 32 would not be gentle on a production server')
    .default(2),
  retry: retrySchema.optional(),
}

const mssqlConnection = z.strictObject({
  dialect: z.literal('mssql'),
  host: z.string().min(1, 'write the SQL Server host name'),
  port: z.int().min(1).max(65535).default(1433),
  instance: z.string().optional(),
  database: z.string().min(1, 'write the database name'),
  user: z.string().min(1),
  password: z.string().optional(),
  domain: z.string().optional(),
  encrypt: z.boolean().default(true),
  trust_server_certificate: z.boolean().default(false),
  isolation: z.enum(['read_committed', 'snapshot']).default('read_committed'),
  application_intent: z.enum(['read_only', 'read_write']).default('read_only'),
  ...connectionCommon,
})

const postgresConnection = z.strictObject({
  dialect: z.literal('postgres'),
  url: z.string().optional(),
  host: z.string().optional(),
  port: z.int().min(1).max(65535).default(5432),
  database: z.string().optional(),
  user: z.string().optional(),
  password: z.string().optional(),
  ssl: z.enum(['disable', 'require', 'verify-full']).default('disable'),
  ...connectionCommon,
})

const pgliteConnection = z.strictObject({
  dialect: z.literal('pglite'),
  path: z.string().min(1, 'write the directory of the PGlite database, e.g. ../.data/demo/cosmic'),
  ...connectionCommon,
})

/** What a person writes for one named connection. */
export const connectionSchema = z.discriminatedUnion(
  'dialect',
  [mssqlConnection, postgresConnection, pgliteConnection],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'dialect must be one of "mssql", "postgres" or "pglite"' : undefined,
  },
)

const storeSchema = z
  .strictObject({
    pglite: z.string().optional(),
    url: z.string().optional(),
    spool_dir: z.string().default('../.data/spool'),
    retry: retrySchema.optional(),
  })
  .refine((s) => (s.pglite === undefined) !== (s.url === undefined), {
    message: 'set exactly one of "pglite" (a local directory) or "url" (a PostgreSQL server)',
  })

/** The whole `config/reconcile.yaml` as a person writes it. */
export const configSchema = z.strictObject({
  installation: z.string().min(1).default('cosmic-reconcile'),
  timezone: z
    .string()
    .default('Europe/Stockholm')
    .refine(isKnownTimeZone, { message: 'unknown IANA time zone; write e.g. "Europe/Stockholm"' }),
  checks_dir: z.string().default('../checks'),
  store: storeSchema.prefault({ pglite: '../.data/store' }),
  retry: retrySchema.prefault({}),
  connections: z.record(
    z.string().regex(/^[a-z][a-z0-9_-]*$/, 'connection names are lower-case letters, digits, "-" and "_"'),
    connectionSchema,
  ),
})

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Input type: what the YAML holds. */
export type ConfigInput = z.input<typeof configSchema>
/** Output of the schema before paths are resolved and secrets substituted. */
export type ConfigSchemaOutput = z.output<typeof configSchema>
