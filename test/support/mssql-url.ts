import type { MssqlConnectionConfig } from '../../src/config/types.js'

function flag(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name)
  if (value === null) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new Error(`TEST_MSSQL_URL: ${name} must be true or false, got "${value}"`)
}

/**
 * Parses a test server URL `mssql://user:password@host:port/database?encrypt=true&trustServerCertificate=true`
 * (also `instance=NAME`) into a connection: port 1433 unless given, encrypt on and the certificate verified unless
 * the query says otherwise, statement timeout 60 s, 2 queries at once, no retries, read committed.
 */
export function parseMssqlUrl(url: string, name = 'mssql-test'): MssqlConnectionConfig {
  const u = new URL(url)
  if (u.protocol !== 'mssql:' && u.protocol !== 'sqlserver:') {
    throw new Error(
      `TEST_MSSQL_URL: expected mssql://user:password@host:port/database, got protocol ${u.protocol}`,
    )
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (u.hostname === '' || u.username === '' || database === '') {
    throw new Error(
      'TEST_MSSQL_URL: expected mssql://user:password@host:port/database, with user, host and database',
    )
  }
  const instance = u.searchParams.get('instance')
  return {
    name,
    dialect: 'mssql',
    host: u.hostname,
    port: u.port === '' ? 1433 : Number(u.port),
    ...(instance !== null ? { instance } : {}),
    database,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    encrypt: flag(u.searchParams, 'encrypt', true),
    trustServerCertificate: flag(u.searchParams, 'trustServerCertificate', false),
    isolation: 'read_committed',
    readOnlyIntent: false,
    statementTimeoutMs: 60_000,
    maxConcurrentQueries: 2,
    retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 },
  }
}
