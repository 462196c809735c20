import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreConfig } from '../../src/config/types.js'
import { mailChannel } from '../../src/notify/mail-channel.js'
import { deliverOutbox } from '../../src/notify/deliver.js'
import { createTransport } from '../../src/notify/transport.js'
import { LockedPgliteDialect } from '../../src/store/locked-pglite.js'
import { MIGRATIONS } from '../../src/store/migrations.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines } from '../support/engines.js'
import { createStore, testMail } from '../support/notify-scenario.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/** Migration 004 turned the outbox into channel rows: a mail message queued before it is still sent as it was. */
describe('outbox migration 004 (channels)', () => {
  let dir: TempDir
  let config: Extract<StoreConfig, { kind: 'pglite' }>
  beforeAll(async () => {
    dir = await tempDir()
    config = {
      kind: 'pglite',
      path: `${dir.path}/store`,
      spoolDir: `${dir.path}/spool`,
      retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    }
  })
  afterAll(async () => {
    await dir?.remove()
  })

  it('keeps a message queued before it deliverable, as a mail row', async () => {
    const db = new Kysely<unknown>({ dialect: new LockedPgliteDialect({ dir: config.path, create: true }) })
    try {
      const before = Object.fromEntries(
        Object.entries(MIGRATIONS).filter(([name]) => name < '004_outbox_channels'),
      )
      const migrated = await new Migrator({
        db,
        provider: { getMigrations: async () => before },
      }).migrateToLatest()
      expect(migrated.error).toBeUndefined()
      await sql`insert into reconcile_outbox (message_id, dedupe_key, purpose, kind, created_at, recipients,
        subject, text_body, html_body, attachments, status, next_attempt_at)
        values ('old-message', 'incident:old:opened:alerts', 'alerts', 'incident_opened', '2026-11-22T04:00:00Z',
        '["cosmic-forvaltning@region.example"]', 'queued before 004', 'text', '<p>html</p>', '[]', 'pending',
        '2026-11-22T04:00:00Z')`.execute(db)
    } finally {
      await db.destroy()
    }

    const store = await ResultsStore.open(config)
    const mail = testMail({ kind: 'eml', dir: `${dir.path}/mail` })
    const transport = createTransport(mail)
    try {
      expect(await store.outbox.list()).toMatchObject([
        { messageId: 'old-message', channel: 'mail', subject: 'queued before 004', payload: undefined },
      ])
      const report = await deliverOutbox({
        store,
        channels: [mailChannel(mail, transport)],
        now: () => new Date('2026-11-23T04:00:00Z'),
      })
      expect(report.sent.map((s) => s.message.messageId)).toEqual(['old-message'])
      expect(report.sent[0]?.via).toMatch(/incident_opened-old-mess\.eml$/)
      expect(await store.outbox.list()).toEqual([])
    } finally {
      transport.close()
      await store.close()
    }
  })
})

/** A bare connection to the store of `config`, to migrate it only part of the way. */
function connect(config: StoreConfig): Kysely<unknown> {
  return new Kysely<unknown>({
    dialect:
      config.kind === 'pglite'
        ? new LockedPgliteDialect({ dir: config.path, create: true })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 1 }) }),
  })
}

for (const engine of availableEngines({
  pgOnly: 'the engine hosts the results store, which is PostgreSQL or PGlite',
})) {
  /** Migration 006 numbers outbox rows; rows queued before it are numbered by when they were queued. */
  describe(`outbox migration 006 (sequence) on ${engine.name}`, () => {
    let dir: TempDir
    let config: StoreConfig
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      dir = await tempDir()
      ;({ config, cleanup } = await createStore(engine, dir, 'store'))
    })
    afterAll(async () => {
      await cleanup?.()
      await dir?.remove()
    })

    it('numbers rows queued before it by their queue time, and numbers new rows after them', async () => {
      const db = connect(config)
      try {
        const before = Object.fromEntries(
          Object.entries(MIGRATIONS).filter(([name]) => name < '006_outbox_sequence'),
        )
        const migrated = await new Migrator({
          db,
          provider: { getMigrations: async () => before },
        }).migrateToLatest()
        expect(migrated.error).toBeUndefined()
        // Inserted newest first, and with ids that sort against their times, so neither the table's physical
        // order nor the ids give the queue-time order.
        for (const [id, at] of [
          ['a-third', '2026-11-22T06:00:00Z'],
          ['b-second', '2026-11-22T05:00:00Z'],
          ['c-first', '2026-11-22T04:00:00Z'],
        ] as const) {
          await sql`insert into reconcile_outbox (message_id, dedupe_key, purpose, kind, created_at, recipients,
            subject, text_body, html_body, attachments, status, next_attempt_at)
            values (${id}, ${id}, 'alerts', 'incident_opened', ${at}, '["a@region.example"]', ${id}, 'text',
            '<p>html</p>', '[]', 'pending', ${at})`.execute(db)
        }
      } finally {
        await db.destroy()
      }

      const store = await ResultsStore.open(config)
      try {
        const queued = await store.outbox.enqueue(
          {
            messageId: 'd-fourth',
            dedupeKey: 'd-fourth',
            purpose: 'alerts',
            kind: 'incident_opened',
            recipients: ['a@region.example'],
            subject: 'd-fourth',
            text: 'text',
            html: '<p>html</p>',
            attachments: [],
          },
          '2026-11-22T06:00:00.000Z',
        )
        expect(queued).toBe(true)
        // d-fourth was queued at a-third's time, after it: the sequence goes on after the renumbered rows.
        expect((await store.outbox.list()).map((m) => m.messageId)).toEqual([
          'c-first',
          'b-second',
          'a-third',
          'd-fourth',
        ])
      } finally {
        await store.close()
      }
      const after = connect(config)
      try {
        const { rows } = await sql<{
          message_id: string
        }>`select message_id from reconcile_outbox order by seq`.execute(after)
        expect(rows.map((r) => r.message_id)).toEqual(['c-first', 'b-second', 'a-third', 'd-fourth'])
      } finally {
        await after.destroy()
      }
    })
  })
}
