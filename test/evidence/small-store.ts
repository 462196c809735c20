import path from 'node:path'
import type { Config } from '../../src/config/types.js'
import type { CheckDefinition } from '../../src/definitions/types.js'
import { runAndNotify } from '../../src/pipeline/run-and-notify.js'
import type { TestDatabase, TestEngine } from '../support/engines.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/** A check definition whose description holds markup, to prove every page escapes it. */
export const ORDERS_CHECK = (tolerance = '{ absolute: 0 }') => `id: orders
title: Every order reaches the copy
description: Orders <script>alert(1)</script> & "fees" must match.
owner: Test förvaltning
severity: high
source: { connection: cosmic, table: src.orders }
target: { connection: ci, table: dw.orders }
columns:
  - { name: id, source: id, target: id }
  - { name: fee, source: fee, target: fee }
key: [id]
notify: { vendor: true, recipients: [extra@region.example] }
assertions:
  - kind: row_count
    tolerance: ${tolerance}
  - kind: aggregate
    column: fee
    functions: [sum]
`

/** A small source and copy on PGlite with one check, a store, and a way to run it at a chosen time. */
export interface SmallStore {
  readonly dir: TempDir
  readonly cosmic: TestDatabase
  readonly ci: TestDatabase
  readonly config: Config
  definitions(): Promise<CheckDefinition[]>
  /** Rewrites the check definition (a new hash). */
  writeCheck(text: string): Promise<void>
  /** Runs every check with the clock at `at`. */
  runAt(at: string): Promise<void>
  cleanup(): Promise<void>
}

/** Builds the small fixture: 10 orders in the source, `copied` of them in the copy. */
export async function smallStore(engine: TestEngine, copied = 10): Promise<SmallStore> {
  const dir = await tempDir('reconcile-small-')
  const cosmic = await engine.createDatabase('cosmic')
  const ci = await engine.createDatabase('ci')
  await cosmic.exec(
    'CREATE SCHEMA src; CREATE TABLE src.orders (id int, fee numeric(10,2)); INSERT INTO src.orders SELECT g, g * 1.25 FROM generate_series(1, 10) g;',
  )
  await ci.exec(
    `CREATE SCHEMA dw; CREATE TABLE dw.orders (id int, fee numeric(10,2)); INSERT INTO dw.orders SELECT g, g * 1.25 FROM generate_series(1, ${copied}) g;`,
  )
  const checksDir = path.join(dir.path, 'checks')
  const config = testConfig({
    connections: [cosmic.config, ci.config],
    store: pgliteStore(dir.path),
    checksDir,
  })
  const writeCheck = async (text: string) => {
    await dir.write('checks/orders.yaml', text)
  }
  await writeCheck(ORDERS_CHECK())
  const definitions = () => definitionsIn(checksDir, ['cosmic', 'ci'])
  return {
    dir,
    cosmic,
    ci,
    config,
    definitions,
    writeCheck,
    async runAt(at) {
      await runAndNotify({
        config,
        definitions: await definitions(),
        trigger: 'schedule',
        now: () => new Date(at),
        sleep: noSleep,
      })
    },
    async cleanup() {
      await cosmic.cleanup()
      await ci.cleanup()
      await dir.remove()
    },
  }
}
