import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/language.js'
import cron from 'node-cron'
import { z } from 'zod'
import { sqlRefinement } from '../sql-text/sql-guard.js'
import { parseDuration } from '../util/duration.js'

/**
 * A duration written as `90s`, `5m`, `2h`, `1d` (or a number of seconds), parsed to milliseconds and at most
 * `max` (written the same way, e.g. `24h`): a larger value is a typo that would only fail later, at run time.
 */
export function durationUpTo(max: string) {
  const maxMs = parseDuration(max) ?? 0
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(value)
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as "90s", "5m", "26h" or "1d", got ${JSON.stringify(value)}`,
      })
      return z.NEVER
    }
    if (ms > maxMs) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is too long: at most ${max} is allowed here`,
      })
      return z.NEVER
    }
    return ms
  })
}

/** A duration of at most ten years (`3650d`); see {@link durationUpTo}. */
export const durationSchema = durationUpTo(`${10 * 365}d`)

const retrySchema = z.strictObject({
  attempts: z
    .int()
    .min(1, 'attempts counts the first try too, so it must be at least 1')
    .max(100, 'at most 100 attempts; a server that does not answer after that will not answer')
    .default(3),
  initial_delay: durationUpTo('1h').prefault('2s'),
  max_delay: durationUpTo('1d').prefault('30s'),
})

const connectionCommon = {
  statement_timeout: durationUpTo('24h').prefault('5m'),
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
    lock_timeout: durationSchema.prefault('60s'),
  })
  .refine((s) => (s.pglite === undefined) !== (s.url === undefined), {
    message: 'set exactly one of "pglite" (a local directory) or "url" (a PostgreSQL server)',
  })

const addressList = z
  .array(z.email('write a full e-mail address, e.g. cosmic-forvaltning@region.se'))
  .default([])

const smtpSchema = z.strictObject({
  host: z.string().min(1, 'write the SMTP server host name, e.g. smtp.region.se'),
  port: z.int().min(1).max(65535).optional(),
  security: z
    .enum(['starttls', 'tls', 'none'], {
      error:
        'security must be "starttls" (port 587, the default), "tls" (port 465) or "none" (a relay on localhost)',
    })
    .default('starttls'),
  user: z.string().optional(),
  password: z.string().optional(),
  reject_unauthorized: z.boolean().default(true),
  timeout: durationUpTo('1h').prefault('30s'),
})

/** Backoff of a notification that could not be sent, mail or webhook. */
const notifyRetrySchema = z
  .strictObject({
    initial_delay: durationUpTo('1d').prefault('1m'),
    max_delay: durationUpTo('7d').prefault('1h'),
    attempts: z
      .int()
      .min(1, 'attempts counts the first try too, so it must be at least 1')
      .max(1000, 'at most 1000 attempts')
      .default(48),
  })
  .prefault({})

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'incident_opened',
  'incident_reminder',
  'incident_resolved',
  'morning_report',
] as const

const webhookSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'webhook names are lower-case letters, digits, "-" and "_"'),
  url: z.url({
    protocol: /^https?$/,
    error:
      'write the endpoint as an http(s) URL, its secret part from the environment, e.g. ${TEAMS_WEBHOOK_URL}',
  }),
  events: z
    .array(
      z.enum(WEBHOOK_EVENTS, {
        error: `events are ${WEBHOOK_EVENTS.map((e) => `"${e}"`).join(', ')}`,
      }),
    )
    .min(1, 'list at least one event, or leave events out for all of them')
    .default([...WEBHOOK_EVENTS]),
  headers: z.record(z.string(), z.string()).default({}),
  timeout: durationUpTo('5m').prefault('10s'),
  retry: notifyRetrySchema,
})

const mailSchema = z.strictObject({
  from: z.string().min(3, 'write the sender, e.g. "Cosmic-kontroll <reconcile@region.se>"'),
  smtp: smtpSchema.optional(),
  eml_dir: z.string().default('../.data/mail'),
  recipients: z.strictObject({ alerts: addressList, vendor: addressList, report: addressList }).prefault({}),
  retry: notifyRetrySchema,
})

/** A five-field cron expression (minute hour day-of-month month day-of-week), checked with node-cron's parser. */
export const cronSchema = z.string().superRefine((expression, ctx) => {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5) {
    ctx.addIssue({
      code: 'custom',
      message: `expected five fields "minute hour day-of-month month day-of-week", e.g. "15 4 * * *" for 04:15 every day; got ${JSON.stringify(expression)}`,
    })
    return
  }
  const checked = cron.validateDetailed(expression)
  if (!checked.valid) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid cron expression ${JSON.stringify(expression)}: ${checked.errors.map((e) => e.message).join('; ')}`,
    })
    return
  }
  const days = [...(checked.fields?.dayOfMonth ?? []), ...(checked.fields?.dayOfWeek ?? [])]
  if (days.some((d) => typeof d !== 'number')) {
    ctx.addIssue({
      code: 'custom',
      message: 'only numbers, names, ranges, lists and steps are supported in the day fields (no L, W or #)',
    })
  }
})

const loadWaitSchema = z.strictObject({
  connection: z.string().min(1, 'name the connection of the reporting side, e.g. ci'),
  query: z
    .string()
    .min(1, 'write a query returning the time the last load finished')
    .superRefine(sqlRefinement('query')),
  poll_interval: durationUpTo('1d').prefault('5m'),
  deadline: durationUpTo('24h').prefault('3h'),
  max_age: durationSchema.prefault('12h'),
  notify_vendor: z.boolean().default(false),
})

const scheduledRunSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'schedule names are lower-case letters, digits, "-" and "_"'),
  cron: cronSchema,
  checks: z.array(z.string()).optional(),
  load: loadWaitSchema.optional(),
})

const scheduleSchema = z
  .strictObject({
    runs: z.array(scheduledRunSchema).default([]),
    morning_report: z.strictObject({ cron: cronSchema }).optional(),
    catch_up: durationUpTo('7d').prefault('6h'),
  })
  .refine((s) => new Set(s.runs.map((r) => r.name)).size === s.runs.length, {
    message: 'every schedule in runs needs a name of its own',
  })

/** The whole `config/reconcile.yaml` as a person writes it. */
export const configSchema = z.strictObject({
  installation: z.string().min(1).default('cosmic-reconcile'),
  timezone: z
    .string()
    .default('Europe/Stockholm')
    .refine(isKnownTimeZone, { message: 'unknown IANA time zone; write e.g. "Europe/Stockholm"' }),
  locale: z
    .enum(LANGUAGES as [Language, ...Language[]], {
      error: `locale must be one of ${LANGUAGES.map((l) => `"${l}"`).join(', ')} (default "${DEFAULT_LANGUAGE}")`,
    })
    .default(DEFAULT_LANGUAGE),
  checks_dir: z.string().default('../checks'),
  store: storeSchema.prefault({ pglite: '../.data/store' }),
  retry: retrySchema.prefault({}),
  mail: mailSchema.optional(),
  webhooks: z
    .array(webhookSchema)
    .default([])
    .refine((w) => new Set(w.map((h) => h.name)).size === w.length, {
      message: 'every webhook needs a name of its own',
    }),
  web: z
    .strictObject({
      public_url: z
        .url({ protocol: /^https?$/, error: 'write the dashboard address, e.g. https://reconcile.region.se' })
        .optional(),
    })
    .prefault({}),
  incidents: z
    .strictObject({
      reminder_after: z
        .union([z.literal('off'), durationUpTo('365d')])
        .prefault('3d')
        .transform((v) => (v === 'off' || v === 0 ? null : v)),
    })
    .prefault({}),
  schedule: scheduleSchema.prefault({}),
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
