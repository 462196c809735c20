import { randomUUID } from 'node:crypto'
import type { Config } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import type { ResultsStore } from '../store/results-store.js'
import { checkInfoResolver, infoOfDefinition } from './check-info.js'
import type { ComposedMessage, MessageContext } from './message.js'
import { composeMorningReport, gatherMorningReport, type MorningReportData } from './morning-report.js'

/**
 * Reads the store, composes the morning report and writes it to the outbox under `dedupeKey` (so a slot's report
 * is queued once). Returns the message, and whether it was queued (false: no report recipients, or already queued).
 */
export async function queueMorningReport(options: {
  store: ResultsStore
  config: Config
  context: MessageContext
  definitions: readonly CheckDefinition[]
  now: Date
  dedupeKey: string
  /** The night's run that had not finished when the report was made, said first in the report. */
  unfinishedRun?: MorningReportData['unfinishedRun']
}): Promise<{ message: ComposedMessage; queued: boolean }> {
  const { store, config } = options
  const data = await gatherMorningReport(store, {
    checks: options.definitions.map(infoOfDefinition),
    infoOf: checkInfoResolver(options.definitions, config.schedule.runs[0]?.load, config.locale),
    now: options.now,
    timezone: config.timezone,
  })
  const message = composeMorningReport(
    options.unfinishedRun === undefined ? data : { ...data, unfinishedRun: options.unfinishedRun },
    options.context,
  )
  if (message.recipients.length === 0) return { message, queued: false }
  const queued = await store.outbox.enqueue(
    { ...message, messageId: randomUUID(), dedupeKey: options.dedupeKey },
    options.now.toISOString(),
  )
  return { message, queued }
}
