import { defineConfig } from 'vitest/config'

/**
 * Test runner settings. Files run in parallel in at most 2 forked processes (CI has 2 cores, and each PGlite
 * instance is a WASM PostgreSQL that needs a core to itself while it starts); tests inside a file run in order.
 * The global setup prints which engines are skipped and prepares the PGlite template (test/support/).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    globalSetup: ['test/support/global-setup.ts'],
    /** Per test, in ms: generous because PGlite starts slowly on a busy 2-core machine. */
    testTimeout: 60_000,
    /** Per hook, in ms: beforeAll may create several databases. */
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
})
