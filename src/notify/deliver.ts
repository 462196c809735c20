import { hostname } from 'node:os'
import { describeError } from '../errors/errors.js'
import type { OutboxMessage } from '../store/outbox-store.js'
import type { ResultsStore } from '../store/results-store.js'
import type { Channel, RetryPolicy } from './channel.js'

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
export function nextAttempt(attempts: number, retry: RetryPolicy, now: Date): string | null {
  if (attempts >= retry.attempts) return null
  const delay = Math.min(retry.initialDelayMs * 2 ** Math.max(0, attempts - 1), retry.maxDelayMs)
  return new Date(now.getTime() + delay).toISOString()
}

/** Identifies this process as a sender: `host:pid`. */
export function senderId(): string {
  return `${hostname()}:${process.pid}`
}

/**
 * Sends every message of the given channels that is due, oldest first: takes them under a lock, sends each
 * through its channel, and records each outcome. A message that fails stays `pending` with its next attempt
 * backed off by its channel's retry policy (doubling from the initial delay up to the maximum) and becomes
 * `failed` after the last allowed attempt. Messages of other channels are left for a process that has them.
 * Never throws for a failed send.
 */
export async function deliverOutbox(options: {
  store: ResultsStore
  channels: readonly Channel[]
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
    channels: options.channels.map((c) => c.name),
  })
  const byName = new Map(options.channels.map((c) => [c.name, c]))
  const sent: Array<{ message: OutboxMessage; via: string }> = []
  const failed: Array<{ message: OutboxMessage; error: string; retryAt: string | null }> = []
  for (const message of due) {
    const channel = byName.get(message.channel)
    // Unreachable: takeDue returned only messages of these channels.
    if (channel === undefined) continue
    try {
      const via = await channel.send(message)
      await options.store.outbox.markSent(message.messageId, options.now().toISOString(), via)
      sent.push({ message, via })
    } catch (error: unknown) {
      const at = options.now()
      const reason = describeError(error)
      const retryAt = nextAttempt(message.attempts + 1, channel.retry, at)
      await options.store.outbox.markAttemptFailed(message.messageId, at.toISOString(), reason, retryAt)
      failed.push({ message, error: reason, retryAt })
    }
  }
  return { sent, failed }
}
