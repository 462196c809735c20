import { describeError } from '../../errors/errors.js'
import { closeChannels, configuredChannels } from '../../notify/channels.js'
import { deliverOutbox } from '../../notify/deliver.js'
import { queueMorningReport } from '../../notify/queue-report.js'
import type { MailTransport } from '../../notify/transport.js'
import { describeStore, ResultsStore } from '../../store/results-store.js'
import { formatInZone } from '../../util/time-zone.js'
import { EXIT } from '../exit-codes.js'
import { type CliIo, paint } from '../io.js'
import { loadAll, printIssues } from '../load.js'

/** Options of `reconcile report`. */
export interface ReportCommandOptions {
  readonly configFile: string
  readonly now?: () => Date
  /** Mail transport override (tests); by default the configured one. */
  readonly transport?: MailTransport
}

/**
 * `reconcile report`: composes the morning report from the store, as the daemon's morning report does, queues it
 * through every channel that takes it (mail, webhooks subscribed to `morning_report`) once per local day (key `report:cli:YYYY-MM-DD`, so a retried cron job never sends it twice) and
 * sends what the outbox has due. Exits 0 when nothing failed to send, 2 when the store could not be opened or a
 * message could not be sent (it stays in the outbox and is retried by the next `reconcile report`, `reconcile
 * outbox --send` or daemon), 3 on invalid configuration or when the report has no readers on any channel.
 */
export async function reportCommand(options: ReportCommandOptions, io: CliIo): Promise<number> {
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { config, definitions } = loaded
  const webhooks = config.webhooks.filter((w) => w.events.includes('morning_report'))
  if (config.mail === undefined && webhooks.length === 0) {
    io.err(
      `${config.file} has no mail section: the morning report has nowhere to go. Add mail.from, mail.smtp (or mail.eml_dir) and mail.recipients.report, or a webhook with the morning_report event.`,
    )
    return EXIT.invalid
  }
  if (config.mail !== undefined && config.mail.recipients.report.length === 0 && webhooks.length === 0) {
    io.err(`${config.file}: mail.recipients.report is empty: add the morning report's readers.`)
    return EXIT.invalid
  }
  const now = options.now ?? (() => new Date())
  let store: ResultsStore
  try {
    store = await ResultsStore.open(config.store)
  } catch (error: unknown) {
    io.err(`Cannot open the ${describeStore(config.store)}: ${describeError(error)}`)
    return EXIT.error
  }
  const channels = configuredChannels(config, { transport: options.transport })
  try {
    const at = now()
    const day = formatInZone(at.getTime(), config.timezone).slice(0, 10)
    const { subject, queued } = await queueMorningReport({
      store,
      config,
      channels,
      definitions,
      now: at,
      key: `report:cli:${day}`,
    })
    io.out(
      queued > 0
        ? `Morning report queued: ${subject}`
        : `The morning report of ${day} was already queued; sending what the outbox has due.`,
    )
    const delivery = await deliverOutbox({ store, channels, now })
    for (const s of delivery.sent) io.out(`Sent ${s.message.kind} "${s.message.subject}" via ${s.via}`)
    for (const f of delivery.failed) {
      io.out(
        paint(
          io,
          'yellow',
          `Not sent: ${f.message.kind} "${f.message.subject}": ${f.error}; ${f.retryAt === null ? 'gave up ("reconcile outbox --retry all --send")' : `kept in the outbox, next attempt ${f.retryAt}`}`,
        ),
      )
    }
    return delivery.failed.length > 0 ? EXIT.error : EXIT.ok
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  } finally {
    closeChannels(channels)
    await store.close()
  }
}
