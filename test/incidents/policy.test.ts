import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import type { Config } from '../../src/config/types.js'
import type { CheckDefinition } from '../../src/definitions/types.js'
import { formatDurationWords } from '../../src/i18n/format.js'
import { incidentPolicy } from '../../src/incidents/decide.js'
import { processRunIncidents } from '../../src/incidents/process-run.js'
import { infoOfDefinition } from '../../src/notify/check-info.js'
import {
  closeChannels,
  composeContext,
  configuredChannels,
  notificationSink,
} from '../../src/notify/channels.js'
import type { CheckResult, ResultStatus } from '../../src/results/types.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { documentText } from '../explain/document-text.js'
import { definitionsIn } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const DAY = 86_400_000
const FIRST_RUN = Date.parse('2026-11-10T03:30:00Z')
/** Seven nightly runs that fail, then one that passes. */
const FAILING_NIGHTS = 7

const check = (id: string) => `id: ${id}
title: Every order reaches the copy
description: Orders must match.
owner: Test
severity: high
source: { connection: cosmic, table: src.orders }
target: { connection: ci, table: dw.orders }
columns: [id]
assertions:
  - kind: row_count
`

function result(check: string, night: number, status: ResultStatus): CheckResult {
  return {
    runId: `${check}/run-${night}`,
    check,
    assertion: 'row_count',
    kind: 'row_count',
    status,
    source: { rows: '10' },
    target: { rows: status === 'pass' ? '10' : '9' },
    difference: status === 'pass' ? { absolute: '0', percent: 0 } : { absolute: '-1', percent: 10 },
    message: status === 'pass' ? 'same' : 'target has 1 fewer rows',
    details: null,
    cutoff: null,
    lateChanges: null,
    sql: { source: null, target: null },
    parameters: { source: [], target: [] },
    durationsMs: { source: 1, target: 1 },
    definitionHash: 'h',
    error: null,
    evaluatedAt: new Date(FIRST_RUN + night * DAY).toISOString(),
  }
}

/**
 * An installation whose configuration sets `incidents.reminder_after`, loaded by the real loader, with its one
 * check `orders-<setting>`. Installations share `dir`'s store: each has a check of its own.
 */
async function installation(
  dir: TempDir,
  reminderAfter: string,
): Promise<{ config: Config; definition: CheckDefinition }> {
  const id = `orders-${reminderAfter}`
  await dir.write(`checks-${id}/${id}.yaml`, check(id))
  const file = await dir.write(
    `config/${id}.yaml`,
    `installation: Policy test
checks_dir: ../checks-${id}
store: { pglite: ../store, spool_dir: ../spool }
incidents: { reminder_after: ${reminderAfter} }
mail:
  from: "Kontroll <reconcile@region.example>"
  eml_dir: ../mail
  recipients: { alerts: [drift@region.example] }
connections:
  cosmic: { dialect: pglite, path: ../cosmic }
  ci: { dialect: pglite, path: ../ci }
`,
  )
  const loaded = await loadConfig(file)
  if (loaded.config === undefined) throw new Error(JSON.stringify(loaded.issues))
  const [definition] = await definitionsIn(loaded.config.checksDir, ['cosmic', 'ci'])
  if (definition === undefined) throw new Error('no definition')
  return { config: loaded.config, definition }
}

/**
 * Processes the nightly runs through the real incident code, store and mail channel, and returns the messages
 * queued as `[night, kind]`.
 */
async function messagesOverNights(
  store: ResultsStore,
  config: Config,
  definition: CheckDefinition,
): Promise<Array<[number, string]>> {
  const channels = configuredChannels(config)
  try {
    const notify = notificationSink(
      channels,
      composeContext(config, () => infoOfDefinition(definition)),
    )
    for (let night = 0; night <= FAILING_NIGHTS; night++) {
      await processRunIncidents({
        store,
        results: [result(definition.id, night, night < FAILING_NIGHTS ? 'fail' : 'pass')],
        notify,
        now: new Date(FIRST_RUN + night * DAY),
        reminderAfterMs: config.reminderAfterMs,
      })
    }
    // None is sent here, so every queued message is listed; ordered by when it was queued.
    const queued = (await store.outbox.list())
      .filter((m) => m.runId?.startsWith(`${definition.id}/`) === true)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    return queued.map((m) => [Math.round((Date.parse(m.createdAt) - FIRST_RUN) / DAY), m.kind])
  } finally {
    closeChannels(channels)
  }
}

describe('the incident policy: what the control document says is what decide does', () => {
  let dir: TempDir
  let store: ResultsStore
  beforeAll(async () => {
    dir = await tempDir()
    const { config } = await installation(dir, 'off')
    store = await ResultsStore.open(config.store)
  })
  afterAll(async () => {
    await store?.close()
    await dir?.remove()
  })

  for (const days of [1, 3]) {
    it(`reminder_after ${days}d: one alert, a reminder each time ${days}d pass without a message, one message on passing`, async () => {
      const { config, definition } = await installation(dir, `${days}d`)
      expect(incidentPolicy(config)).toEqual({ reminderAfterMs: days * DAY })

      const en = documentText(config, definition, 'en')
      const sv = documentText(config, definition, 'sv')
      const [wordsEn, wordsSv] = [
        formatDurationWords(days * DAY, 'en'),
        formatDurationWords(days * DAY, 'sv'),
      ]
      expect(en).toContain('an incident is opened and one alert is sent to drift@region.example')
      expect(en).toContain('While the incident stays open, further failing runs send no new alert')
      expect(en).toContain(
        `If the incident is still open after ${wordsEn} without a message, a reminder is sent, and again after every further ${wordsEn}.`,
      )
      expect(en).toContain('A message is sent when the check passes again.')
      expect(en).not.toContain('repeated')
      expect(sv).toContain('öppnas en incident och ett larm skickas till drift@region.example')
      expect(sv).toContain('skickar ytterligare körningar med avvikelse inget nytt larm')
      expect(sv).toContain(
        `Är incidenten fortfarande öppen efter ${wordsSv} utan att något meddelande har skickats går en påminnelse ut, och sedan igen efter varje ytterligare ${wordsSv}.`,
      )
      expect(sv).toContain('Ett meddelande skickas när kontrollen åter är godkänd.')

      // What the sentences promise, night by night: the alert, a reminder every `days` nights, the resolution.
      const promised: Array<[number, string]> = [[0, 'incident_opened']]
      for (let night = days; night < FAILING_NIGHTS; night += days)
        promised.push([night, 'incident_reminder'])
      promised.push([FAILING_NIGHTS, 'incident_resolved'])
      expect(await messagesOverNights(store, config, definition)).toEqual(promised)
    })
  }

  it('reminder_after off: the document says no reminders, and none is sent', async () => {
    const { config, definition } = await installation(dir, 'off')
    expect(incidentPolicy(config)).toEqual({ reminderAfterMs: null })
    expect(documentText(config, definition, 'en')).toContain(
      'No reminders are sent (incidents.reminder_after: off in the configuration).',
    )
    expect(documentText(config, definition, 'sv')).toContain(
      'Inga påminnelser skickas (incidents.reminder_after: off i konfigurationen).',
    )
    expect(documentText(config, definition, 'en')).not.toContain('a reminder is sent')
    expect(await messagesOverNights(store, config, definition)).toEqual([
      [0, 'incident_opened'],
      [FAILING_NIGHTS, 'incident_resolved'],
    ])
  })
})
