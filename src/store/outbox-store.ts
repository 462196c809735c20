import type { Kysely, Selectable } from 'kysely'
import type { OutboxTable, StoreDatabase, StoredAttachment } from './schema.js'

/** A message to queue: complete, so that sending it later needs nothing else. */
export interface NewOutboxMessage {
  /** Also the Message-ID's local part, so a receiving system can drop a duplicate. */
  readonly messageId: string
  /** Queuing two messages with one key keeps the first: e.g. `incident:<id>:opened:alerts`. */
  readonly dedupeKey: string
  /** The channel that sends it: `mail` (the default) or `webhook:<name>`. */
  readonly channel?: string
  readonly purpose: 'alerts' | 'vendor' | 'report'
  /** The event it announces, e.g. `incident_opened`. */
  readonly kind: string
  readonly incidentId?: string
  readonly runId?: string
  readonly recipients: readonly string[]
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly attachments: readonly StoredAttachment[]
  /** What a channel other than mail sends (a webhook's JSON body); absent for mail. */
  readonly payload?: unknown
}

/** A queued message as stored. Times are ISO 8601 UTC text. */
export interface OutboxMessage extends NewOutboxMessage {
  readonly channel: string
  readonly createdAt: string
  readonly status: 'pending' | 'sent' | 'failed'
  readonly attempts: number
  readonly nextAttemptAt: string
  readonly lastAttemptAt: string | null
  readonly lastError: string | null
  readonly sentAt: string | null
  readonly deliveredVia: string | null
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString())
  return {
    messageId: row.message_id,
    dedupeKey: row.dedupe_key,
    channel: row.channel,
    purpose: row.purpose as OutboxMessage['purpose'],
    kind: row.kind,
    incidentId: row.incident_id ?? undefined,
    runId: row.run_id ?? undefined,
    recipients: row.recipients,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    attachments: row.attachments,
    payload: row.payload ?? undefined,
    createdAt: iso(row.created_at) ?? '',
    status: row.status as OutboxMessage['status'],
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at) ?? '',
    lastAttemptAt: iso(row.last_attempt_at),
    lastError: row.last_error,
    sentAt: iso(row.sent_at),
    deliveredVia: row.delivered_via,
  }
}

/**
 * The outbox table: every message is inserted here before anyone tries to send it. Senders take due messages
 * under a time-limited lock, so two processes never send one message at once, and record each attempt.
 */
export class OutboxStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /** Queues a message, due at once; returns false when a message with its dedupe key is already queued. */
  async enqueue(message: NewOutboxMessage, now: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('reconcile_outbox')
      .values({
        message_id: message.messageId,
        dedupe_key: message.dedupeKey,
        channel: message.channel ?? 'mail',
        purpose: message.purpose,
        kind: message.kind,
        incident_id: message.incidentId ?? null,
        run_id: message.runId ?? null,
        created_at: now,
        recipients: JSON.stringify(message.recipients),
        subject: message.subject,
        text_body: message.text,
        html_body: message.html,
        attachments: JSON.stringify(message.attachments),
        payload: message.payload === undefined ? null : JSON.stringify(message.payload),
        status: 'pending',
        next_attempt_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('message_id')
      .executeTakeFirst()
    return inserted !== undefined
  }

  /**
   * Locks up to `limit` pending messages that are due at `now` and not locked by another sender, oldest first
   * (in the order they were queued within one time), until `lockedUntil`; returns them in that order. With `channels`, only messages of those channels: a message of a channel
   * this process has not configured stays pending for one that has.
   */
  async takeDue(options: {
    now: string
    lockedUntil: string
    owner: string
    limit: number
    channels?: readonly string[]
  }): Promise<OutboxMessage[]> {
    const now = new Date(options.now)
    const channels = options.channels
    if (channels?.length === 0) return []
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('reconcile_outbox')
        .select('message_id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      if (channels !== undefined) query = query.where('channel', 'in', channels)
      const due = await query
        .orderBy('created_at')
        .orderBy('seq')
        .limit(options.limit)
        .forUpdate()
        .skipLocked()
        .execute()
      if (due.length === 0) return []
      const position = new Map(due.map((d, i) => [d.message_id, i]))
      const rows = await trx
        .updateTable('reconcile_outbox')
        .set({ locked_until: options.lockedUntil, locked_by: options.owner })
        .where(
          'message_id',
          'in',
          due.map((d) => d.message_id),
        )
        .returningAll()
        .execute()
      // UPDATE … RETURNING gives no order: the rows are put back in the order they were selected.
      return rows
        .sort((a, b) => (position.get(a.message_id) ?? 0) - (position.get(b.message_id) ?? 0))
        .map(toMessage)
    })
  }

  /** Records a successful delivery and releases the lock. */
  async markSent(messageId: string, at: string, deliveredVia: string): Promise<void> {
    await this.db
      .updateTable('reconcile_outbox')
      .set((eb) => ({
        status: 'sent',
        sent_at: at,
        last_attempt_at: at,
        attempts: eb('attempts', '+', 1),
        delivered_via: deliveredVia,
        last_error: null,
        locked_until: null,
        locked_by: null,
      }))
      .where('message_id', '=', messageId)
      .where('status', '=', 'pending')
      .execute()
  }

  /** Records a failed attempt: due again at `retryAt`, or `failed` for good when `retryAt` is null. */
  async markAttemptFailed(
    messageId: string,
    at: string,
    error: string,
    retryAt: string | null,
  ): Promise<void> {
    await this.db
      .updateTable('reconcile_outbox')
      .set((eb) => ({
        status: retryAt === null ? 'failed' : 'pending',
        last_attempt_at: at,
        attempts: eb('attempts', '+', 1),
        last_error: error,
        next_attempt_at: retryAt ?? at,
        locked_until: null,
        locked_by: null,
      }))
      .where('message_id', '=', messageId)
      .where('status', '=', 'pending')
      .execute()
  }

  /** Puts failed messages (all, or those whose id starts with `idPrefix`) back in the queue, due at `now`. */
  async requeueFailed(now: string, idPrefix?: string): Promise<number> {
    let query = this.db
      .updateTable('reconcile_outbox')
      .set({ status: 'pending', next_attempt_at: now, attempts: 0 })
      .where('status', '=', 'failed')
    if (idPrefix !== undefined) query = query.where('message_id', 'like', `${idPrefix.replace(/[%_]/g, '')}%`)
    const result = await query.executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /**
   * By default the messages not yet sent, oldest first (the order they are sent in); with `all`, every message,
   * newest first. Messages queued at one time are in the order they were queued (reversed with `all`).
   */
  async list(filter: { all?: boolean; limit?: number } = {}): Promise<OutboxMessage[]> {
    const direction = filter.all === true ? 'desc' : 'asc'
    let query = this.db
      .selectFrom('reconcile_outbox')
      .selectAll()
      .orderBy('created_at', direction)
      .orderBy('seq', direction)
      .limit(filter.limit ?? 200)
    if (filter.all !== true) query = query.where('status', '<>', 'sent')
    return (await query.execute()).map(toMessage)
  }
}
