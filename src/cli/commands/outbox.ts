import { describeError } from '../../errors/errors.js'
import { closeChannels, configuredChannels } from '../../notify/channels.js'
import { deliverOutbox } from '../../notify/deliver.js'
import type { MailTransport } from '../../notify/transport.js'
import { ResultsStore } from '../../store/results-store.js'
import { formatInZone } from '../../util/time-zone.js'
import { EXIT } from '../exit-codes.js'
import { type CliIo, paint } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { table } from '../render.js'
import { countOf } from '../../i18n/format.js'

/** Options of `reconcile outbox`. */
export interface OutboxOptions {
  readonly configFile: string
  /** Also messages already sent (newest first). */
  readonly all?: boolean
  readonly json?: boolean
  /** Put failed messages back in the queue: `all`, or a message id (prefix). */
  readonly retry?: string
  /** Send what is due now. */
  readonly send?: boolean
  readonly now?: () => Date
  readonly transport?: MailTransport
}

/**
 * `reconcile outbox`: what is pending or failed (or everything with --all); --retry requeues failed messages,
 * --send delivers what is due now. Exits 2 when a message has failed for good or a send failed.
 */
export async function outboxCommand(options: OutboxOptions, io: CliIo): Promise<number> {
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { config } = loaded
  const now = options.now ?? (() => new Date())
  let store: ResultsStore | undefined
  try {
    store = await ResultsStore.open(config.store)
    let failedSend = false
    if (options.retry !== undefined) {
      const n = await store.outbox.requeueFailed(
        now().toISOString(),
        options.retry === 'all' ? undefined : options.retry,
      )
      io.out(`${countOf(n, 'en', ['failed message', 'failed messages'])} put back in the queue.`)
    }
    if (options.send === true) {
      const channels = configuredChannels(config, { transport: options.transport })
      if (channels.length === 0) {
        io.err('No mail section and no webhooks in the configuration: nothing can be sent.')
        return EXIT.invalid
      }
      try {
        const report = await deliverOutbox({ store, channels, now })
        io.out(
          `Sent ${countOf(report.sent.length, 'en', ['message', 'messages'])} via ${channels.map((c) => c.description).join(', ')}.`,
        )
        for (const f of report.failed)
          io.out(paint(io, 'yellow', `Not sent: ${f.message.subject}: ${f.error}`))
        failedSend = report.failed.length > 0
      } finally {
        closeChannels(channels)
      }
    }
    const messages = await store.outbox.list({ all: options.all === true })
    if (options.json === true) {
      io.out(
        JSON.stringify(
          messages.map(({ text: _t, html: _h, attachments, ...m }) => ({
            ...m,
            attachments: attachments.map((a) => a.filename),
          })),
          null,
          2,
        ),
      )
    } else if (messages.length === 0) {
      io.out(
        options.all === true ? 'The outbox is empty.' : 'Nothing pending or failed: every message was sent.',
      )
    } else {
      const local = (iso: string | null) =>
        iso === null ? '' : formatInZone(new Date(iso).getTime(), config.timezone).slice(0, 16)
      const rows = [['STATUS', 'CREATED', 'KIND', 'TO', 'TRIES', 'NEXT TRY', 'ID', 'SUBJECT', 'LAST ERROR']]
      for (const m of messages) {
        rows.push([
          m.status.toUpperCase(),
          local(m.createdAt),
          m.kind,
          m.channel === 'mail' ? m.recipients.join(', ') : m.channel,
          String(m.attempts),
          m.status === 'pending'
            ? local(m.nextAttemptAt)
            : m.status === 'sent'
              ? `sent ${local(m.sentAt)}`
              : '',
          m.messageId.slice(0, 8),
          m.subject,
          m.lastError ?? '',
        ])
      }
      table(rows, 60).forEach((line, n) => io.out(n === 0 ? paint(io, 'dim', line) : line))
    }
    const gaveUp = messages.some((m) => m.status === 'failed')
    if (gaveUp)
      io.out(
        paint(
          io,
          'yellow',
          'Failed messages are kept; "reconcile outbox --retry all --send" tries them again.',
        ),
      )
    return gaveUp || failedSend ? EXIT.error : EXIT.ok
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  } finally {
    await store?.close()
  }
}
