import { Kysely, Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreConfig } from '../../src/config/types.js'
import { mailChannel } from '../../src/notify/mail-channel.js'
import { deliverOutbox } from '../../src/notify/deliver.js'
import { createTransport } from '../../src/notify/transport.js'
import { LockedPgliteDialect } from '../../src/store/locked-pglite.js'
import { MIGRATIONS } from '../../src/store/migrations.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { testMail } from '../support/notify-scenario.js'
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
