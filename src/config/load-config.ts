import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { ValidationIssue } from '../errors/errors.js'
import type { RetryPolicy } from '../util/retry.js'
import { formatPath, readYamlFile, type YamlSource, zodIssues } from '../util/yaml-document.js'
import { type ConfigSchemaOutput, configSchema } from './schema.js'
import type { Config, ConnectionConfig, MailConfig, ScheduleConfig, WebhookConfig } from './types.js'

/** The default configuration file, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = 'config/reconcile.yaml'

const VARIABLE_RE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g

/**
 * Replaces `${VAR}` (or `${VAR:-default}`) in every string of the parsed YAML with the environment's value.
 * A variable that is unset and has no default becomes an issue naming it and the field.
 */
export function substituteEnv(
  source: YamlSource,
  env: NodeJS.ProcessEnv,
): { data: unknown; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  const walk = (value: unknown, at: PropertyKey[]): unknown => {
    if (typeof value === 'string') {
      return value.replace(VARIABLE_RE, (whole, name: string, fallback: string | undefined) => {
        const found = env[name]
        if (found !== undefined && found !== '') return found
        if (fallback !== undefined) return fallback
        issues.push({
          file: source.file,
          line: source.lineOf(at),
          field: formatPath(at),
          message: `environment variable ${name} is not set; export ${name}=... before running (secrets are read from the environment, never written in the file)`,
        })
        return whole
      })
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...at, i]))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...at, k])]))
    }
    return value
  }
  return { data: walk(source.data, []), issues }
}

/** Loads and validates the configuration file; all problems come back together as issues. */
export async function loadConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: Config; issues: [] } | { config?: undefined; issues: ValidationIssue[] }> {
  const read = await readYamlFile(file)
  if ('issues' in read) return { issues: read.issues }
  const { data, issues } = substituteEnv(read.source, env)
  const parsed = configSchema.safeParse(data ?? {})
  if (!parsed.success) return { issues: [...issues, ...zodIssues(read.source, parsed.error)] }
  issues.push(...crossReferenceIssues(read.source, parsed.data))
  if (issues.length > 0) return { issues }
  return { config: toConfig(path.resolve(file), parsed.data), issues: [] }
}

/**
 * The checks directory of a loaded configuration must exist: a wrong path would otherwise read as "no checks".
 * `file` is the configuration file as the user named it.
 */
export async function checksDirIssue(file: string, dir: string): Promise<ValidationIssue | undefined> {
  const problem = (reason: string): ValidationIssue => ({
    file,
    field: 'checks_dir',
    message: `${reason}; set checks_dir to the directory of the check definitions, relative to this file (default ../checks)`,
  })
  try {
    const found = await stat(dir)
    return found.isDirectory() ? undefined : problem(`${dir} is not a directory`)
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code
    return problem(
      code === 'ENOENT' ? `the directory ${dir} does not exist` : `cannot read ${dir} (${String(code)})`,
    )
  }
}

/** Problems only visible across sections: a load query on a connection that does not exist. */
function crossReferenceIssues(source: YamlSource, input: ConfigSchemaOutput): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const known = Object.keys(input.connections)
  input.schedule.runs.forEach((run, i) => {
    if (run.load !== undefined && !known.includes(run.load.connection)) {
      const at = ['schedule', 'runs', i, 'load', 'connection']
      issues.push({
        file: source.file,
        line: source.lineOf(at),
        field: formatPath(at),
        message: `no connection named "${run.load.connection}"; known connections: ${known.join(', ')}`,
      })
    }
  })
  const smtp = input.mail?.smtp
  if (smtp !== undefined && (smtp.user === undefined) !== (smtp.password === undefined)) {
    const at = ['mail', 'smtp', smtp.user === undefined ? 'user' : 'password']
    issues.push({
      file: source.file,
      line: source.lineOf(at),
      field: formatPath(at),
      message:
        'set both user and password (the password from the environment, e.g. ${SMTP_PASSWORD}) or neither',
    })
  }
  return issues
}

function toMail(input: NonNullable<ConfigSchemaOutput['mail']>, resolve: (p: string) => string): MailConfig {
  const smtp = input.smtp
  return {
    from: input.from,
    transport:
      smtp === undefined
        ? { kind: 'eml', dir: resolve(input.eml_dir) }
        : {
            kind: 'smtp',
            host: smtp.host,
            port: smtp.port ?? (smtp.security === 'tls' ? 465 : 587),
            security: smtp.security,
            user: smtp.user,
            password: smtp.password,
            rejectUnauthorized: smtp.reject_unauthorized,
            timeoutMs: smtp.timeout,
          },
    recipients: input.recipients,
    retry: toNotifyRetry(input.retry),
  }
}

function toNotifyRetry(input: NonNullable<ConfigSchemaOutput['mail']>['retry']): MailConfig['retry'] {
  return { initialDelayMs: input.initial_delay, maxDelayMs: input.max_delay, attempts: input.attempts }
}

function toWebhook(input: ConfigSchemaOutput['webhooks'][number]): WebhookConfig {
  return {
    name: input.name,
    url: input.url,
    events: input.events,
    headers: input.headers,
    timeoutMs: input.timeout,
    retry: toNotifyRetry(input.retry),
  }
}

function toSchedule(input: ConfigSchemaOutput['schedule']): ScheduleConfig {
  return {
    runs: input.runs.map((r) => ({
      name: r.name,
      cron: r.cron,
      checks: r.checks,
      load:
        r.load === undefined
          ? undefined
          : {
              connection: r.load.connection,
              query: r.load.query,
              pollIntervalMs: r.load.poll_interval,
              deadlineMs: r.load.deadline,
              maxAgeMs: r.load.max_age,
              notifyVendor: r.load.notify_vendor,
            },
    })),
    morningReport: input.morning_report,
    catchUpMs: input.catch_up,
  }
}

function toRetry(input: ConfigSchemaOutput['retry']): RetryPolicy {
  return { attempts: input.attempts, initialDelayMs: input.initial_delay, maxDelayMs: input.max_delay }
}

function toConfig(file: string, input: ConfigSchemaOutput): Config {
  const base = path.dirname(file)
  const resolve = (p: string) => path.resolve(base, p)
  const defaultRetry = toRetry(input.retry)
  const connections = new Map<string, ConnectionConfig>()
  for (const [name, c] of Object.entries(input.connections)) {
    const common = {
      name,
      statementTimeoutMs: c.statement_timeout,
      maxConcurrentQueries: c.max_concurrent_queries,
      retry: c.retry === undefined ? defaultRetry : toRetry(c.retry),
    }
    switch (c.dialect) {
      case 'mssql':
        connections.set(name, {
          ...common,
          dialect: 'mssql',
          host: c.host,
          port: c.port,
          instance: c.instance,
          database: c.database,
          user: c.user,
          password: c.password,
          domain: c.domain,
          encrypt: c.encrypt,
          trustServerCertificate: c.trust_server_certificate,
          isolation: c.isolation,
          readOnlyIntent: c.application_intent === 'read_only',
        })
        break
      case 'postgres':
        connections.set(name, {
          ...common,
          dialect: 'postgres',
          url: c.url,
          host: c.host,
          port: c.port,
          database: c.database,
          user: c.user,
          password: c.password,
          ssl: c.ssl,
        })
        break
      case 'pglite':
        connections.set(name, { ...common, dialect: 'pglite', path: resolve(c.path) })
        break
    }
  }
  const storeRetry = input.store.retry === undefined ? defaultRetry : toRetry(input.store.retry)
  const spoolDir = resolve(input.store.spool_dir)
  const store =
    input.store.url !== undefined
      ? { kind: 'postgres' as const, url: input.store.url, spoolDir, retry: storeRetry }
      : {
          kind: 'pglite' as const,
          path: resolve(input.store.pglite ?? '../.data/store'),
          spoolDir,
          retry: storeRetry,
          lockTimeoutMs: input.store.lock_timeout,
        }
  return {
    file,
    installation: input.installation,
    timezone: input.timezone,
    checksDir: resolve(input.checks_dir),
    store,
    connections,
    locale: input.locale,
    mail: input.mail === undefined ? undefined : toMail(input.mail, resolve),
    webhooks: input.webhooks.map(toWebhook),
    publicUrl: input.web.public_url?.replace(/\/+$/, ''),
    reminderAfterMs: input.incidents.reminder_after,
    schedule: toSchedule(input.schedule),
  }
}
