import { type Kysely, sql } from 'kysely'
import type { Migration, MigrationProvider } from 'kysely/migration'

/**
 * The store's migrations, in order. Migrations are code, not files, so an installed build always carries them;
 * Kysely's Migrator records which ran in its own table and applies the rest on open.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001_runs_and_results': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reconcile_runs')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('installation', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('tool_version', 'text', (c) => c.notNull())
        .addColumn('checks', 'integer', (c) => c.notNull())
        .addColumn('passed', 'integer')
        .addColumn('failed', 'integer')
        .addColumn('errors', 'integer')
        .execute()
      await db.schema
        .createTable('reconcile_results')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('reconcile_runs.run_id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('assertion', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pass', 'fail', 'error')`))
        .addColumn('source', 'jsonb')
        .addColumn('target', 'jsonb')
        .addColumn('difference', 'jsonb')
        .addColumn('details', 'jsonb')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('cutoff', 'text')
        .addColumn('source_sql', 'text')
        .addColumn('target_sql', 'text')
        .addColumn('source_parameters', 'jsonb', (c) => c.notNull())
        .addColumn('target_parameters', 'jsonb', (c) => c.notNull())
        .addColumn('source_ms', 'integer')
        .addColumn('target_ms', 'integer')
        .addColumn('definition_hash', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('reconcile_results_run_seq', ['run_id', 'seq'])
        .execute()
      await db.schema
        .createIndex('reconcile_results_check_time')
        .on('reconcile_results')
        .columns(['check_id', 'evaluated_at'])
        .execute()
    },
  },
}

/** Provides {@link MIGRATIONS} to Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}
