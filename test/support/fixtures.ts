import path from 'node:path'
import type { Config, ConnectionConfig, StoreConfig } from '../../src/config/types.js'
import { loadDefinitions } from '../../src/check-kinds/load-definitions.js'
import type { CheckDefinition } from '../../src/definitions/types.js'

/** Instant retries: tests count attempts, they do not wait for backoff. */
export const noSleep = async (): Promise<void> => undefined

/** A PGlite results store in `dir`, with a spool next to it, retried once. */
export function pgliteStore(dir: string): StoreConfig {
  return {
    kind: 'pglite',
    path: path.join(dir, 'store'),
    spoolDir: path.join(dir, 'spool'),
    retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
  }
}

/** A parsed configuration built directly, for tests that do not exercise the config loader. */
export function testConfig(options: {
  connections: readonly ConnectionConfig[]
  store: StoreConfig
  checksDir?: string
  timezone?: string
}): Config {
  return {
    file: '/test/reconcile.yaml',
    installation: 'test installation',
    timezone: options.timezone ?? 'Europe/Stockholm',
    checksDir: options.checksDir ?? '/test/checks',
    store: options.store,
    connections: new Map(options.connections.map((c) => [c.name, c])),
    locale: 'sv',
    webhooks: [],
    reminderAfterMs: null,
    schedule: { runs: [], catchUpMs: 6 * 3_600_000 },
  }
}

/** Loads definitions from a directory and fails the test loudly if any is invalid. */
export async function definitionsIn(dir: string, connections: readonly string[]): Promise<CheckDefinition[]> {
  const { definitions, issues } = await loadDefinitions(dir, new Set(connections))
  if (issues.length > 0) throw new Error(`test definitions are invalid: ${JSON.stringify(issues, null, 2)}`)
  return definitions
}
