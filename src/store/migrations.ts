import { type Kysely, sql } from 'kysely'
import type { Migration, MigrationProvider } from 'kysely'

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
  '002_incidents_outbox_claims': {
    async up(db: Kysely<unknown>) {
      // Which process a run belongs to, so the next start can tell a crashed run from one still going on.
      await db.schema.alterTable('reconcile_runs').addColumn('pid', 'integer').execute()
      await db.schema
        .createIndex('reconcile_runs_running')
        .on('reconcile_runs')
        .column('status')
        .where(sql.ref('status'), '=', 'running')
        .execute()
      await db.schema
        .createTable('reconcile_incidents')
        .addColumn('incident_id', 'text', (c) => c.primaryKey())
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'resolved')`))
        .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
        .addColumn('resolved_at', 'timestamptz')
        .addColumn('opened_run_id', 'text', (c) => c.notNull())
        .addColumn('last_run_id', 'text', (c) => c.notNull())
        .addColumn('resolved_run_id', 'text')
        .addColumn('occurrences', 'integer', (c) => c.notNull())
        .addColumn('worst_status', 'text', (c) => c.notNull().check(sql`worst_status in ('fail', 'error')`))
        .addColumn('last_status', 'text', (c) => c.notNull().check(sql`last_status in ('fail', 'error')`))
        .addColumn('failing', 'jsonb', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('definition_hash', 'text', (c) => c.notNull())
        .addColumn('vendor_ticket', 'boolean', (c) => c.notNull())
        .addColumn('last_notified_at', 'timestamptz', (c) => c.notNull())
        .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      // At most one open incident per check: what makes "no duplicate alert while it stays open" hold even
      // when two processes record results for the same check at once.
      await db.schema
        .createIndex('reconcile_incidents_one_open')
        .on('reconcile_incidents')
        .column('check_id')
        .unique()
        .where(sql.ref('status'), '=', 'open')
        .execute()
      await db.schema
        .createTable('reconcile_outbox')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('run_id', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('recipients', 'jsonb', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        .addColumn('attachments', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_attempt_at', 'timestamptz')
        .addColumn('last_error', 'text')
        .addColumn('sent_at', 'timestamptz')
        .addColumn('delivered_via', 'text')
        .addColumn('locked_until', 'timestamptz')
        .addColumn('locked_by', 'text')
        .execute()
      await db.schema
        .createIndex('reconcile_outbox_due')
        .on('reconcile_outbox')
        .columns(['status', 'next_attempt_at'])
        .execute()
      await db.schema
        .createTable('reconcile_schedule_claims')
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('claimed_by', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('claimed', 'done', 'aborted', 'released')`),
        )
        .addColumn('run_id', 'text')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('reconcile_schedule_claims_pk', ['schedule', 'slot'])
        .execute()
    },
  },
  '003_late_changes': {
    async up(db: Kysely<unknown>) {
      // What a check left out as the source's late changes ({ method, rows }); never the keys themselves.
      await db.schema.alterTable('reconcile_results').addColumn('late_changes', 'jsonb').execute()
    },
  },
  '004_outbox_channels': {
    async up(db: Kysely<unknown>) {
      // Which channel sends a row, and what a channel other than mail sends. Columns are added, not rewritten:
      // rows queued before this migration are mail with their message in the rendered columns, so they stay
      // deliverable as they are, and the rendered subject gives every row a line for `reconcile outbox`.
      await db.schema
        .alterTable('reconcile_outbox')
        .addColumn('channel', 'text', (c) => c.notNull().defaultTo('mail'))
        .execute()
      await db.schema.alterTable('reconcile_outbox').addColumn('payload', 'jsonb').execute()
    },
  },
  '005_result_message_codes': {
    async up(db: Kysely<unknown>) {
      // What a result's message says, as a code and its parameters, so it is rendered in the reader's language
      // when shown. Results stored before have neither (null) and keep showing their English message.
      await db.schema.alterTable('reconcile_results').addColumn('message_code', 'text').execute()
      await db.schema.alterTable('reconcile_results').addColumn('message_params', 'jsonb').execute()
    },
  },
  '006_outbox_sequence': {
    async up(db: Kysely<unknown>) {
      // One event queues several rows at one clock time (alerts and vendor, mail and webhooks), so created_at
      // alone leaves their order open: seq numbers rows in the order they were queued. Adding the column fills
      // it in the table's physical order, so rows queued before are renumbered by created_at (message_id only
      // to make ties stable) and the sequence continues after the highest; the unique index comes last so
      // the renumbering never meets it half done.
      await db.schema.alterTable('reconcile_outbox').addColumn('seq', 'bigserial').execute()
      await sql`UPDATE reconcile_outbox AS o SET seq = n.seq
        FROM (SELECT message_id, row_number() OVER (ORDER BY created_at, message_id) AS seq FROM reconcile_outbox) AS n
        WHERE o.message_id = n.message_id`.execute(db)
      await sql`SELECT setval(pg_get_serial_sequence('reconcile_outbox', 'seq'), coalesce(max(seq), 0) + 1, false)
        FROM reconcile_outbox`.execute(db)
      await db.schema
        .createIndex('reconcile_outbox_seq')
        .on('reconcile_outbox')
        .column('seq')
        .unique()
        .execute()
    },
  },
}

/** Provides {@link MIGRATIONS} to Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}
