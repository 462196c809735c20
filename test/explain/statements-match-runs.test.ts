import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/types.js'
import type { CheckDefinition } from '../../src/definitions/types.js'
import type { CheckResult } from '../../src/results/types.js'
import { executeRun, type RecordedRun } from '../../src/runner/run.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { fixtureSchema, fixtureTable } from '../support/fixture-sql.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'
import { documentText } from './document-text.js'

/**
 * What the control document says about a check is what a run of that check does. A live source after its load:
 * the copy holds the 12 visits as they were at the cutoff; since then 3 visits were updated (new fee, later
 * changed_at) and 2 added. No row is deleted, so a check that leaves late changes out has nothing left to find.
 * Separately, 6 items whose copy differs in one column, `note`, on 2 rows.
 */
const CUTOFF = '2026-11-20 01:00:00'
const ORIGINAL = Array.from({ length: 12 }, (_, k) => ({
  id: k + 1,
  unit: `U${k % 3}`,
  fee: ((k + 1) * 2.5).toFixed(2),
  changedAt: `2026-11-1${k % 9} 10:00:00`,
}))
const UPDATED = new Set([3, 7, 11])
const ADDED = [100, 101].map((id) => ({ id, unit: 'U1', fee: '9.00', changedAt: '2026-11-20 05:00:00' }))
const LIVE = [
  ...ORIGINAL.map((v) => (UPDATED.has(v.id) ? { ...v, fee: '0.50', changedAt: '2026-11-20 02:30:00' } : v)),
  ...ADDED,
]
const ITEMS = Array.from({ length: 6 }, (_, k) => [k + 1, `U${k}`, `${k}.00`, `note ${k}`, `W${k % 2}`])
const NOTE_CHANGED = new Set([2, 5])

const visitColumns = ['id', 'unit', 'fee', 'changed_at']

const visits = (id: string, cutoff: string, late = '') => `id: ${id}
title: ${id}
description: ${id}
owner: tests
severity: high
source: { connection: src, table: src.visit }
target: { connection: dw, table: dw.visit }
columns: [${visitColumns.join(', ')}]
key: [id]
key_sensitive: false
${cutoff}${late}assertions:
  - kind: row_count
  - kind: aggregate
    column: fee
    functions: [sum]
  - kind: checksum
`
const CUTOFF_QUERY = 'SELECT started_at FROM etl.load_log'

const items = (id: string, checksum: string) => `id: ${id}
title: ${id}
description: ${id}
owner: tests
severity: low
source: { connection: src, table: src.item }
target: { connection: dw, table: dw.item }
columns: [id, unit, fee, note, ward]
key: [id]
key_sensitive: false
assertions:
  - kind: checksum
${checksum}`

const DEFINITIONS: Record<string, string> = {
  'aware.yaml': visits(
    'aware',
    `cutoff: { from: target, query: "${CUTOFF_QUERY}", source_column: changed_at }\n`,
    'late_changes: { source_column: changed_at }\n',
  ),
  'unaware.yaml': visits(
    'unaware',
    `cutoff: { from: target, query: "${CUTOFF_QUERY}", source_column: changed_at }\n`,
  ),
  'target-only.yaml': visits(
    'target-only',
    `cutoff: { from: target, query: "${CUTOFF_QUERY}", target_column: changed_at }\n`,
  ),
  'live.yaml': visits('live', ''),
  'two-of-five.yaml': items('two-of-five', '    columns: [unit, fee]\n'),
  'all-five.yaml': items('all-five', ''),
}

for (const engine of availableEngines()) {
  describe(`the control document says what a run does, on ${engine.name}`, () => {
    let dir: TempDir
    let source: TestDatabase
    let target: TestDatabase
    let config: Config
    let definitions: CheckDefinition[]
    let run: RecordedRun
    const definition = (id: string): CheckDefinition => {
      const found = definitions.find((d) => d.id === id)
      if (found === undefined) throw new Error(`no definition ${id}`)
      return found
    }
    const results = (check: string): CheckResult[] => run.results.filter((r) => r.check === check)
    const result = (check: string, assertion: string): CheckResult => {
      const found = results(check).find((r) => r.assertion === assertion)
      if (found === undefined) throw new Error(`no result ${check}/${assertion}`)
      return found
    }
    const en = (id: string) => documentText(config, definition(id), 'en')
    const sv = (id: string) => documentText(config, definition(id), 'sv')

    beforeAll(async () => {
      dir = await tempDir()
      source = await engine.createDatabase('src')
      target = await engine.createDatabase('dw')
      const sql = engine.fixtureSql
      const visitTable = (name: string, rows: typeof ORIGINAL) =>
        fixtureTable(
          sql,
          name,
          visitColumns.map((n, i) => ({
            name: n,
            type: (['bigint', 'text', 'decimal(10,2)', 'timestamp'] as const)[i] ?? 'text',
            primaryKey: i === 0,
          })),
          rows.map((v) => [v.id, v.unit, v.fee, v.changedAt]),
        )
      const itemTable = (name: string, changed: boolean) =>
        fixtureTable(
          sql,
          name,
          ['id', 'unit', 'fee', 'note', 'ward'].map((n, i) => ({
            name: n,
            type: i === 0 ? 'bigint' : i === 2 ? 'decimal(10,2)' : 'text',
            primaryKey: i === 0,
          })),
          ITEMS.map((row) =>
            changed && NOTE_CHANGED.has(Number(row[0]))
              ? row.map((v, i) => (i === 3 ? `${v} (edited)` : v))
              : row,
          ),
        )
      await source.exec(
        [fixtureSchema(sql, 'src'), visitTable('src.visit', LIVE), itemTable('src.item', false)].join('\n'),
      )
      await target.exec(
        [
          fixtureSchema(sql, 'dw'),
          fixtureSchema(sql, 'etl'),
          visitTable('dw.visit', ORIGINAL),
          itemTable('dw.item', true),
          fixtureTable(sql, 'etl.load_log', [{ name: 'started_at', type: 'timestamp' }], [[CUTOFF]]),
        ].join('\n'),
      )
      for (const [name, text] of Object.entries(DEFINITIONS)) await dir.write(`checks/${name}`, text)
      definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
      config = testConfig({ connections: [source.config, target.config], store: pgliteStore(dir.path) })
      run = await executeRun({
        config,
        definitions,
        trigger: 'test',
        now: () => new Date('2026-11-20T06:00:00Z'),
        sleep: noSleep,
      })
    })
    afterAll(async () => {
      await source?.cleanup()
      await target?.cleanup()
      await dir?.remove()
    })

    it('with late_changes: says rows added or changed after the load raise no alarm, and none is raised', () => {
      expect(en('aware')).toContain(
        'Late changes are left out: the source is live, and rows changed after the cutoff are not yet in the copy.',
      )
      expect(en('aware')).toContain('so rows added or changed after the load raise no alarm')
      expect(sv('aware')).toContain(
        'så att rader som lagts till eller ändrats efter laddningen inte ger larm',
      )
      expect(results('aware').map((r) => [r.assertion, r.status])).toEqual([
        ['row_count', 'pass'],
        ['sum(fee)', 'pass'],
        ['checksum', 'pass'],
      ])
      expect(result('aware', 'checksum').lateChanges).toEqual({
        method: 'keys',
        rows: UPDATED.size + ADDED.length,
      })
    })

    it('without late_changes, source filtered by change time: says an updated row stays in the copy only, and it does', () => {
      const text = en('unaware')
      expect(text).toContain('This definition does not leave out late changes (it has no late_changes).')
      expect(text).toContain(
        'if its changed_at moved past the cutoff it is left out of the source while the copy still holds it',
      )
      expect(text).toContain(
        'A row added to the source after the cutoff, with a later changed_at, is left out',
      )
      expect(text).not.toContain('raise no false alarm')
      expect(sv('unaware')).toContain('Den här definitionen utelämnar inte sena ändringar')
      // The 3 updated rows are left out of the source, the copy still holds them; the 2 added ones are left out.
      expect(result('unaware', 'row_count')).toMatchObject({
        status: 'fail',
        source: { rows: String(ORIGINAL.length - UPDATED.size) },
        target: { rows: String(ORIGINAL.length) },
      })
      expect(result('unaware', 'checksum').details?.checksum).toMatchObject({
        missing: 0,
        extra: UPDATED.size,
        changed: 0,
      })
      expect(result('unaware', 'checksum').lateChanges).toBeNull()
    })

    it('without late_changes, source read in full: says added and changed rows make the sides differ, and they do', () => {
      for (const id of ['target-only', 'live']) {
        const text = en(id)
        expect(text).toMatch(
          /a row added, changed or deleted in the source after the load makes the sides differ|Any change in the source after the load \(a row added, changed or deleted\) can therefore make the sides differ/,
        )
        expect(result(id, 'row_count')).toMatchObject({
          status: 'fail',
          source: { rows: String(ORIGINAL.length + ADDED.length) },
          target: { rows: String(ORIGINAL.length) },
        })
        expect(result(id, 'checksum').details?.checksum).toMatchObject({
          missing: ADDED.length,
          extra: 0,
          changed: UPDATED.size,
        })
      }
      expect(en('target-only')).toContain('and the source is read in full')
      expect(en('live')).toContain('No cutoff: both sides are compared as they are when the check runs.')
      expect(en('live')).toContain(
        'To compare as of the load, add a cutoff and late_changes to the definition.',
      )
      expect(sv('live')).toContain('Varje ändring i källan efter laddningen')
    })

    it('a checksum over two of five columns names those two and the three left out; a change in those is not found', () => {
      expect(en('two-of-five')).toContain(
        "Checksum over 2 of the definition's 5 columns (unit and fee). It does not cover id, note and ward: a change in those columns alone is not found by this checksum.",
      )
      expect(sv('two-of-five')).toContain(
        'Kontrollsumma över 2 av definitionens 5 kolumner (unit och fee). Den täcker inte id, note och ward: en ändring som bara gäller de kolumnerna upptäcks inte av den här kontrollsumman.',
      )
      expect(en('two-of-five')).toContain('checksum (2 of 5 columns): exact')
      expect(result('two-of-five', 'checksum').status).toBe('pass')
      expect(result('two-of-five', 'checksum').details?.checksum?.columns).toEqual(['unit', 'fee'])

      expect(en('all-five')).toContain(
        "Checksum over all the definition's columns (id, unit, fee, note and ward).",
      )
      expect(en('all-five')).not.toContain('It does not cover')
      expect(result('all-five', 'checksum')).toMatchObject({ status: 'fail' })
      expect(result('all-five', 'checksum').details?.checksum).toMatchObject({
        changed: NOTE_CHANGED.size,
        columnsDiffering: [{ column: 'note', rows: NOTE_CHANGED.size }],
      })
    })
  })
}
