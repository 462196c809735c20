import type { Config } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import type { MorningReport, QueuedNotifications } from '../incidents/events.js'
import type { ResultsStore } from '../store/results-store.js'
import type { Channel } from './channel.js'
import { composeContext, queueEvent } from './channels.js'
import { checkInfoResolver, infoOfDefinition } from './check-info.js'
import { gatherMorningReport, reportSubject } from './morning-report.js'

/** What queuing the morning report did. */
export interface QueuedReport extends QueuedNotifications {
  readonly report: MorningReport
  /** The report's subject line, for log lines. */
  readonly subject: string
}

/**
 * Reads the store and queues the `morning_report` event through every channel that takes it (the mail to
 * `mail.recipients.report`, a JSON summary to each subscribed webhook), under dedupe keys that start with `key`
 * (so a slot's report is queued once). `queued` counts the rows written; `unaddressed` names a channel that had
 * no reader for it, e.g. `morning_report` when `mail.recipients.report` is empty.
 */
export async function queueMorningReport(options: {
  store: ResultsStore
  config: Config
  channels: readonly Channel[]
  definitions: readonly CheckDefinition[]
  now: Date
  /** The event's key, e.g. `report:2026-11-24T07:00`. */
  key: string
  /** The night's run that had not finished when the report was made, said first in the report. */
  unfinishedRun?: MorningReport['unfinishedRun']
}): Promise<QueuedReport> {
  const { store, config } = options
  const infoOf = checkInfoResolver(options.definitions, config.schedule.runs[0]?.load, config.locale)
  const gathered = await gatherMorningReport(store, {
    checks: options.definitions.map(infoOfDefinition),
    infoOf,
    now: options.now,
    timezone: config.timezone,
  })
  const report =
    options.unfinishedRun === undefined ? gathered : { ...gathered, unfinishedRun: options.unfinishedRun }
  const queued = await queueEvent(store.outbox, options.channels, composeContext(config, infoOf), {
    type: 'morning_report',
    key: options.key,
    report,
    at: options.now.toISOString(),
  })
  return {
    ...queued,
    report,
    subject: reportSubject(report, config.locale, config.timezone, config.installation),
  }
}
