import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreConfig } from '../../src/config/types.js'
import { resultMessage, resultText } from '../../src/i18n/result-messages.js'
import type { CheckResult } from '../../src/results/types.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { availableEngines } from '../support/engines.js'
import { createStore } from '../support/notify-scenario.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const RUN = 'run-message-codes'

function result(assertion: string, extra: Partial<CheckResult>): CheckResult {
  return {
    runId: RUN,
    check: 'visits',
    assertion,
    kind: 'checksum',
    status: 'fail',
    source: { rows: '40' },
    target: { rows: '37' },
    difference: { absolute: '-3', percent: 7.5 },
    message: 'rows differ: source 40 rows, target 37 rows; checksums over 2 columns differ',
    details: null,
    cutoff: null,
    lateChanges: null,
    sql: { source: 'SELECT 1', target: 'SELECT 1' },
    parameters: { source: [], target: [] },
    durationsMs: { source: 1, target: 1 },
    definitionHash: 'hash',
    error: null,
    evaluatedAt: '2026-11-23T03:15:00.000Z',
    ...extra,
  }
}

const located = resultMessage('checksum.rows_located', {
  sourceRows: 40,
  targetRows: 37,
  columns: 2,
  missing: 3,
  extra: 0,
  changed: 1,
  duplicateKeys: 0,
  differingColumns: ['fee'],
  differingRows: [1],
  extraMayBeLate: false,
  complete: true,
  stoppedBy: null,
  unlocatedSourceRows: 0,
  unlocatedTargetRows: 0,
})

for (const engine of availableEngines({
  pgOnly: 'the engine hosts the results store, which is PostgreSQL or PGlite',
})) {
  describe(`result message codes in the store on ${engine.name}`, () => {
    let dir: TempDir
    let config: StoreConfig
    let cleanup: () => Promise<void>
    let store: ResultsStore
    beforeAll(async () => {
      dir = await tempDir()
      ;({ config, cleanup } = await createStore(engine, dir, 'store'))
      store = await ResultsStore.open(config)
      await store.insertRun({
        runId: RUN,
        startedAt: '2026-11-23T03:00:00Z',
        installation: 'x',
        host: 'h',
        trigger: 'test',
        toolVersion: '0',
        checks: 1,
      })
      await store.insertResults([
        { seq: 1, result: result('checksum', located) },
        // As a spool file written before codes existed gives it: no code, no parameters.
        { seq: 2, result: result('row_count', { kind: 'row_count', message: 'an old English message' }) },
      ])
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
      await dir?.remove()
    })

    it('reads back a result’s code and parameters as they were recorded, and renders them', async () => {
      const [withCode, old] = await store.resultsOfRun(RUN)
      expect(withCode?.messageCode).toBe('checksum.rows_located')
      expect(withCode?.messageParams).toEqual(located.messageParams)
      expect(withCode === undefined ? '' : resultText(withCode, 'sv')).toBe(
        'raderna skiljer sig: källan har 40 rader, målet 37 rader; kontrollsummorna över 2 kolumner skiljer sig; lokaliserade 3 saknas i målet, 0 extra i målet, 1 ändrade (avviker: fee i 1 rad)',
      )
      expect(old).toMatchObject({ messageCode: null, messageParams: null, message: 'an old English message' })
      expect(old === undefined ? '' : resultText(old, 'sv')).toBe('an old English message')
    })

    it('gives history the code and parameters too', async () => {
      const history = await store.history({ check: 'visits' })
      expect(history.map((h) => [h.assertion, h.messageCode])).toEqual([
        ['checksum', 'checksum.rows_located'],
        ['row_count', null],
      ])
      expect(history[0]?.messageParams).toEqual(located.messageParams)
    })
  })
}
