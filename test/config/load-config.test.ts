import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { formatIssue } from '../../src/errors/errors.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

let dir: TempDir
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.remove()
})

const MSSQL = `connections:
  ci:
    dialect: mssql
    host: ci-sql.region.local
    database: CI
    user: reconcile_reader
    password: \${CI_SQL_PASSWORD}
`

describe('loadConfig', () => {
  it('applies defaults: TLS verified, 5 min timeout, 2 concurrent queries, Stockholm, PGlite store', async () => {
    const file = await dir.write('config/reconcile.yaml', MSSQL)
    const { config, issues } = await loadConfig(file, { CI_SQL_PASSWORD: 's3cret' })
    expect(issues).toEqual([])
    const ci = config?.connections.get('ci')
    expect(ci).toMatchObject({
      dialect: 'mssql',
      port: 1433,
      encrypt: true,
      trustServerCertificate: false,
      statementTimeoutMs: 300_000,
      maxConcurrentQueries: 2,
      password: 's3cret',
      isolation: 'read_committed',
      readOnlyIntent: true,
    })
    expect(config?.timezone).toBe('Europe/Stockholm')
    expect(config?.store).toMatchObject({ kind: 'pglite', path: `${dir.path}/.data/store` })
    expect(config?.checksDir).toBe(`${dir.path}/checks`)
  })

  it('reads webhooks with their URL and headers from the environment, and says how to fix a bad one', async () => {
    const webhooks = `web:
  public_url: https://reconcile.region.local/
webhooks:
  - name: teams
    url: \${TEAMS_WEBHOOK_URL}
    headers:
      Authorization: Bearer \${HOOK_TOKEN}
  - name: ops
    url: \${OPS_URL}
    events: [incident_opened, incident_closed]
`
    const env = { CI_SQL_PASSWORD: 's', TEAMS_WEBHOOK_URL: 'https://teams.example/hook/abc', HOOK_TOKEN: 't' }
    const good = await dir.write('good.yaml', MSSQL + webhooks.replace(/ {2}- name: ops[\s\S]*/, ''))
    const { config } = await loadConfig(good, env)
    expect(config?.publicUrl).toBe('https://reconcile.region.local')
    expect(config?.webhooks).toEqual([
      {
        name: 'teams',
        url: 'https://teams.example/hook/abc',
        events: ['incident_opened', 'incident_reminder', 'incident_resolved', 'morning_report'],
        headers: { Authorization: 'Bearer t' },
        timeoutMs: 10_000,
        retry: { initialDelayMs: 60_000, maxDelayMs: 3_600_000, attempts: 48 },
      },
    ])
    const bad = await dir.write('bad.yaml', MSSQL + webhooks)
    const { issues } = await loadConfig(bad, { ...env, OPS_URL: 'ops.example/hook' })
    expect(issues.map(formatIssue)).toEqual([
      `${bad}:16: webhooks[1].url: write the endpoint as an http(s) URL, its secret part from the environment, e.g. \${TEAMS_WEBHOOK_URL}`,
      `${bad}:17: webhooks[1].events[1]: events are "incident_opened", "incident_reminder", "incident_resolved", "morning_report"`,
    ])
  })

  it('names a missing environment variable, the file, the line and the field', async () => {
    const file = await dir.write('config/reconcile.yaml', MSSQL)
    const { config, issues } = await loadConfig(file, {})
    expect(config).toBeUndefined()
    expect(issues.map(formatIssue)).toEqual([
      `${file}:7: connections.ci.password: environment variable CI_SQL_PASSWORD is not set; export CI_SQL_PASSWORD=... before running (secrets are read from the environment, never written in the file)`,
    ])
  })

  it('reports every schema problem at once with its line', async () => {
    const file = await dir.write(
      'reconcile.yaml',
      `timezone: Europe/Stokholm
connections:
  ci:
    dialect: oracle
    host: x
  cosmic:
    dialect: postgres
    url: postgres://x
    statement_timeout: 5 minutes
    max_concurrent_queries: 0
`,
    )
    const { issues } = await loadConfig(file, {})
    const text = issues.map(formatIssue)
    expect(text).toContain(`${file}:1: timezone: unknown IANA time zone; write e.g. "Europe/Stockholm"`)
    expect(text).toContain(
      `${file}:4: connections.ci.dialect: dialect must be one of "mssql", "postgres" or "pglite"`,
    )
    expect(text).toContain(
      `${file}:9: connections.cosmic.statement_timeout: expected a duration such as "90s", "5m", "26h" or "1d", got "5 minutes"`,
    )
    expect(
      text.some((t) =>
        t.startsWith(
          `${file}:10: connections.cosmic.max_concurrent_queries: max_concurrent_queries must be at least 1`,
        ),
      ),
    ).toBe(true)
  })

  it('reports malformed YAML with its line number', async () => {
    const file = await dir.write('reconcile.yaml', 'connections:\n  ci:\n    dialect: "mssql\n    host: x\n')
    const { issues } = await loadConfig(file, {})
    expect(issues).toHaveLength(1)
    expect(issues[0]?.file).toBe(file)
    expect(issues[0]?.line).toBeGreaterThanOrEqual(3)
    expect(issues[0]?.message).toMatch(/^YAML syntax error/)
  })

  it('rejects an unknown field and says where', async () => {
    const file = await dir.write('reconcile.yaml', 'connections: {}\nstore:\n  pglite: x\n  spol_dir: y\n')
    const { issues } = await loadConfig(file, {})
    expect(issues.map(formatIssue)).toEqual([
      `${file}:4: store: unknown field "spol_dir": check the spelling against the reference in README.md`,
    ])
  })
})
