import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { TempDir } from './temp-dir.js'

/**
 * Writes the smallest whole project into `dir`: two PGlite databases `cosmic` and `ci` with a table `s.t` of ten
 * rows each, `config/reconcile.yaml` (a PGlite store beside them) and `checks/same.yaml` (a row count of `s.t`).
 * For tests that run the CLI as its own process. Returns the config's path.
 */
export async function writeSameRowsProject(dir: TempDir, installation: string): Promise<string> {
  for (const name of ['cosmic', 'ci']) {
    const db = await PGlite.create(path.join(dir.path, name))
    await db.exec(
      'CREATE SCHEMA s; CREATE TABLE s.t (id int); INSERT INTO s.t SELECT generate_series(1, 10);',
    )
    await db.close()
  }
  await dir.write(
    'checks/same.yaml',
    `id: same
title: same rows
description: ${installation}
owner: tests
severity: low
source: { connection: cosmic, table: s.t }
target: { connection: ci, table: s.t }
columns: [id]
assertions:
  - kind: row_count
`,
  )
  return dir.write(
    'config/reconcile.yaml',
    `installation: ${installation}
checks_dir: ../checks
store: { pglite: ../store, spool_dir: ../spool }
connections:
  cosmic: { dialect: pglite, path: ../cosmic }
  ci: { dialect: pglite, path: ../ci }
`,
  )
}
