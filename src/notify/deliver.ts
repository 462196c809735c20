import { hostname } from 'node:os'
import type { MailConfig } from '../config/types.js'
import { describeError } from '../errors/errors.js'
import type { OutboxMessage } from '../store/outbox-store.js'
import type { ResultsStore } from '../store/results-store.js'
import type { MailTransport } from './transport.js'

/** How long a sender holds the messages it took; another sender may take them after that. */
export const SEND_LOCK_MS = 10 * 60_000

/** What one pass over the outbox did. */
export interface DeliveryReport {
  readonly sent: ReadonlyArray<{ readonly message: OutboxMessage; readonly via: string }>
  /** Attempts that failed; `retryAt` is null when the message gave up and is now `failed`. */
  readonly failed: ReadonlyArray<{
    readonly message: OutboxMessage
    readonly error: string
    readonly retryAt: string | null
  }>
}

/** When to try again after `attempts` failed attempts, or null after the last allowed one. */
export function nextAttempt(attempts: number, retry: MailConfig['retry'], now: Date): string | null {
  if (attempts >= retry.attempts) return null
  const delay = Math.min(retry.initialDelayMs * 2 ** Math.max(0, attempts - 1), retry.maxDelayMs)
  return new Date(now.getTime() + delay).toISOString()
}

/** Identifies this process as a sender: `host:pid`. */
export function senderId(): string {
  return `${hostname()}:${process.pid}`
}

/**
 * Sends every message that is due, oldest first: takes them under a lock, sends each, and records each outcome.
 * A message that fails stays `pending` with its next attempt backed off (doubling from the configured initial
 * delay up to the maximum) and becomes `failed` after the last allowed attempt. Never throws for a failed send.
 */
export async function deliverOutbox(options: {
  store: ResultsStore
  transport: MailTransport
  mail: MailConfig
  now: () => Date
  owner?: string
  /** At most this many messages in one pass (default 50). */
  limit?: number
}): Promise<DeliveryReport> {
  const start = options.now()
  const due = await options.store.outbox.takeDue({
    now: start.toISOString(),
    lockedUntil: new Date(start.getTime() + SEND_LOCK_MS).toISOString(),
    owner: options.owner ?? senderId(),
    limit: options.limit ?? 50,
  })
  const sent: Array<{ message: OutboxMessage; via: string }> = []
  const failed: Array<{ message: OutboxMessage; error: string; retryAt: string | null }> = []
  for (const message of due) {
    try {
      const via = await options.transport.send(message, options.mail.from)
      await options.store.outbox.markSent(message.messageId, options.now().toISOString(), via)
      sent.push({ message, via })
    } catch (error: unknown) {
      const at = options.now()
      const reason = describeError(error)
      const retryAt = nextAttempt(message.attempts + 1, options.mail.retry, at)
      await options.store.outbox.markAttemptFailed(message.messageId, at.toISOString(), reason, retryAt)
      failed.push({ message, error: reason, retryAt })
    }
  }
  return { sent, failed }
}
