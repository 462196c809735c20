/**
 * The checksum assertion end to end on every available engine: a source table and a copy with known faults
 * (rows missing, extra, changed by one character or one microsecond, a duplicated key). Expected categories and
 * keys are computed here from the generated rows, independently of the SQL under test.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeyMasker } from '../../src/results/key-mask.js'
import { ConnectionSet } from '../../src/connections/connection.js'
import type { CheckDefinition } from '../../src/definitions/types.js'
import { runCheck } from '../../src/runner/run-check.js'
import type { CheckResult } from '../../src/results/types.js'
import { availableEngines, type TestDatabase, type TestEngine } from '../support/engines.js'
import { type FixtureColumn, fixtureTable } from '../support/fixture-sql.js'
import { definitionsIn, noSleep } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const ROWS = 3000
const masker = KeyMasker.withSecret('test-secret-test-secret-test-secret!')

interface Item {
  id: number
  /** With `line`, a composite integer key: four lines per visit. */
  visit: number
  line: number
  code: string
  day: string
  name: string | null
  amount: string
  at: string
}

const NAMES = ['Vårdcentral Söder', 'Åsa', 'plain', '', null, 'trailing  ', 'emoji 🩺']
const items: Item[] = Array.from({ length: ROWS }, (_, k) => ({
  id: 1000 + k * 3,
  visit: 70_000 + Math.floor(k / 4),
  line: k % 4,
  // Non-ASCII and mixed case in keys: both engines must order them alike (binary collation).
  code: `${['Å', 'a', 'B', 'ö', 'Z'][k % 5]}-${String(k % 700).padStart(4, '0')}`,
  day: `2024-0${1 + (Math.floor(k / 700) % 9)}-1${k % 10}`,
  name: NAMES[k % NAMES.length] ?? null,
  amount: (((k * 37) % 10_000) / 100).toFixed(2),
  at: `2024-03-31 0${k % 4}:${String(k % 60).padStart(2, '0')}:00.${String(k).padStart(6, '0')}`,
}))

const missingIds = new Set([1000 + 5 * 3, 1000 + 1500 * 3, 1000 + 2999 * 3])
const changedIds = new Set([1000 + 10 * 3, 1000 + 11 * 3, 1000 + 2000 * 3, 1000 + 2500 * 3])
const duplicatedId = 1000 + 42 * 3
const extra: Item[] = [
  {
    id: 1001,
    visit: 90_001,
    line: 0,
    code: 'X-extra',
    day: '2024-01-01',
    name: 'new',
    amount: '1.00',
    at: '2024-01-01 00:00:00',
  },
  {
    id: 999_999,
    visit: 90_002,
    line: 1,
    code: 'Y-extra',
    day: '2025-01-01',
    name: null,
    amount: '2.00',
    at: '2024-01-01 00:00:00',
  },
]

/** The copy: some rows lost, some changed in one character or one microsecond, two added, one duplicated. */
function copy(): Item[] {
  const out: Item[] = []
  for (const item of items) {
    if (missingIds.has(item.id)) continue
    if (changedIds.has(item.id)) {
      const n = [...changedIds].indexOf(item.id)
      out.push(
        n % 2 === 0
          ? { ...item, name: `${item.name ?? ''}Ã¥` }
          : { ...item, at: item.at.replace(/\d$/, (d) => String((Number(d) + 1) % 10)) },
      )
    } else out.push(item)
    if (item.id === duplicatedId) out.push(item)
  }
  return [...out, ...extra]
}

const COLUMNS: readonly FixtureColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'visit', type: 'integer' },
  { name: 'line', type: 'smallint' },
  { name: 'code', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'name', type: 'varchar(60)' },
  { name: 'amount', type: 'decimal(10,2)' },
  { name: 'at', type: 'timestamp' },
]

const TABLE = (engine: TestEngine, name: string, rows: readonly Item[], pk: boolean) =>
  fixtureTable(
    engine.fixtureSql,
    name,
    COLUMNS.map((c) => (c.name === 'id' ? { ...c, primaryKey: pk } : c)),
    rows.map((r) => [r.id, r.visit, r.line, r.code, r.day, r.name, r.amount, r.at]),
  )

const definitionIn = (schema: string, id: string, target: string, key: string, extraYaml = '') => `id: ${id}
title: ${id}
description: checksum test ${id}
owner: tests
severity: high
source: { connection: src, table: ${schema}.item }
target: { connection: dw, table: ${schema}.${target} }
columns: [id, code, day, name, amount, at]
key: [${key}]
${extraYaml}assertions:
  - kind: checksum
    segment_rows: 16
`

for (const engine of availableEngines()) {
  describe(`checksum assertion on ${engine.name}`, () => {
    let dir: TempDir
    let src: TestDatabase
    let dw: TestDatabase
    let connections: ConnectionSet
    let checks: Map<string, CheckDefinition>

    beforeAll(async () => {
      dir = await tempDir('reconcile-checksum-')
      src = await engine.createDatabase('src')
      dw = await engine.createDatabase('dw')
      await src.exec(TABLE(engine, 'item', items, true))
      await dw.exec(
        `${TABLE(engine, 'item_copy', copy(), false)}${TABLE(engine, 'item_clean', items, true)}${TABLE(engine, 'item_lost', items.slice(0, 100), true)}` +
          // The same faulty copy with an index on the key (not unique: the copy has a duplicated key).
          `${TABLE(engine, 'item_indexed', copy(), false)}CREATE INDEX item_indexed_id ON item_indexed (id);\n`,
      )
      const definition = (id: string, target: string, key: string, extraYaml?: string) =>
        definitionIn(engine.defaultSchema, id, target, key, extraYaml)
      const checksDir = path.join(dir.path, 'checks')
      await mkdir(checksDir)
      await writeFile(path.join(checksDir, 'by-id.yaml'), definition('by-id', 'item_copy', 'id'))
      await writeFile(path.join(checksDir, 'clean.yaml'), definition('clean', 'item_clean', 'id'))
      await writeFile(
        path.join(checksDir, 'by-code-day.yaml'),
        definition('by-code-day', 'item_copy', 'code, day', 'key_sensitive: false\n'),
      )
      /** The definition with one more option on its checksum assertion. */
      const withOption = (yaml: string, option: string) =>
        yaml.replace('segment_rows: 16', `segment_rows: 16\n    ${option}`)
      await writeFile(
        path.join(checksDir, 'samples.yaml'),
        withOption(definition('samples', 'item_copy', 'id'), 'max_keys_reported: 4'),
      )
      await writeFile(
        path.join(checksDir, 'budget.yaml'),
        withOption(definition('budget', 'item_lost', 'id'), 'max_rows_fetched: 100'),
      )
      // The indexed copy without the far extra key 999999 (both sides filtered to ids below 20000).
      await writeFile(
        path.join(checksDir, 'indexed.yaml'),
        definition('indexed', 'item_indexed', 'id').replace(/(table: [^ ]+) }/g, '$1, where: "id < 20000" }'),
      )
      await writeFile(
        path.join(checksDir, 'heap-budget.yaml'),
        withOption(definition('heap-budget', 'item_copy', 'id'), 'max_rows_fetched: 100'),
      )
      await writeFile(
        path.join(checksDir, 'by-visit-line.yaml'),
        definition('by-visit-line', 'item_copy', 'visit, line').replace(
          'columns: [id,',
          'columns: [visit, line, id,',
        ),
      )
      checks = new Map((await definitionsIn(checksDir, ['src', 'dw'])).map((d) => [d.id, d]))
      connections = new ConnectionSet(
        new Map([
          ['src', src.config],
          ['dw', dw.config],
        ]),
        { sleep: noSleep },
      )
    })

    afterAll(async () => {
      await connections?.close()
      await src?.cleanup()
      await dw?.cleanup()
      await dir?.remove()
    })

    const fixedClock = () => new Date('2024-04-01T00:00:00Z')
    const run = async (id: string, now: () => Date = fixedClock): Promise<CheckResult> => {
      const definition = checks.get(id)
      if (definition === undefined) throw new Error(`no check ${id}`)
      const [result] = await runCheck(definition, {
        runId: 'test',
        connections,
        timezone: 'Europe/Stockholm',
        now,
        keyMasker: () => masker,
      })
      if (result === undefined) throw new Error('no result')
      return result
    }

    it('passes a faithful copy without locating anything', async () => {
      const result = await run('clean')
      expect(result.status).toBe('pass')
      expect(result.source).toEqual(result.target)
      expect(result.details?.checksum?.located).toBe(false)
    })

    it('locates missing, extra, changed and duplicated rows by an integer key, masked', async () => {
      const result = await run('by-id')
      expect(result.status).toBe('fail')
      const c = result.details?.checksum
      expect(c).toMatchObject({
        located: true,
        complete: true,
        strategy: 'buckets',
        bucketing: 'integer_key',
        missing: missingIds.size,
        extra: extra.length + 1,
        changed: changedIds.size,
        duplicateKeys: 1,
        keysMasked: true,
      })
      const expected = new Map([
        ['missing', [...missingIds].map((id) => masker.mask(String(id)))],
        ['changed', [...changedIds].map((id) => masker.mask(String(id)))],
        ['extra', [...extra.map((e) => e.id), duplicatedId].map((id) => masker.mask(String(id)))],
        ['duplicate', [masker.mask(String(duplicatedId))]],
      ])
      expect(c?.samples?.length).toBe(missingIds.size + changedIds.size + extra.length + 2)
      for (const sample of c?.samples ?? []) expect(expected.get(sample.category)).toContain(sample.key)
      // Moves almost nothing: far fewer key rows than the table holds, in at most three scans per side.
      expect(c?.keyRowsFetched ?? Infinity).toBeLessThan(ROWS / 5)
      expect(c?.scans?.source).toBeLessThanOrEqual(3)
      expect(c?.scans?.target).toBeLessThanOrEqual(3)
      // Two changed rows differ in "name" and two in "at" (the copy changes one or the other), and no other column.
      expect(c?.columnsDiffering).toEqual([
        { column: 'name', rows: 2 },
        { column: 'at', rows: 2 },
      ])
      expect(result.message).toMatch(/differing: name in 2 rows, at in 2 rows/)
      const stored = JSON.stringify(result)
      for (const id of [...missingIds, ...changedIds]) expect(stored).not.toContain(`"${id}"`)
      expect(stored).not.toContain('Ã¥')
    })

    it('locates by a composite text and date key in a binary collation, shown in clear when not sensitive', async () => {
      const result = await run('by-code-day')
      const c = result.details?.checksum
      expect(c).toMatchObject({
        located: true,
        complete: true,
        strategy: 'buckets',
        bucketing: 'key_md5',
        missing: missingIds.size,
        changed: changedIds.size,
        keysMasked: false,
      })
      const keyOf = (id: number) => {
        const item = items.find((i) => i.id === id) as Item
        return `${item.code}|;${item.day}`
      }
      const changed = (c?.samples ?? []).filter((s) => s.category === 'changed').map((s) => s.key)
      expect(changed.sort()).toEqual([...changedIds].map(keyOf).sort())
      expect(c?.keyRowsFetched ?? Infinity).toBeLessThan(ROWS / 2)
    })

    it('locates by a composite integer key with integer arithmetic, in at most three scans per side', async () => {
      const result = await run('by-visit-line')
      const c = result.details?.checksum
      expect(c).toMatchObject({
        located: true,
        complete: true,
        strategy: 'buckets',
        bucketing: 'integer_key',
        missing: missingIds.size,
        extra: extra.length + 1,
        changed: changedIds.size,
        duplicateKeys: 1,
      })
      const visitLine = (id: number) => {
        const item = items.find((i) => i.id === id) as Item
        return masker.mask(`${item.visit}|;${item.line}`)
      }
      const missing = (c?.samples ?? []).filter((s) => s.category === 'missing').map((s) => s.key)
      expect(missing.sort()).toEqual([...missingIds].map(visitLine).sort())
      expect(c?.keyRowsFetched ?? Infinity).toBeLessThan(ROWS / 5)
      expect(c?.scans?.source).toBeLessThanOrEqual(3)
    })

    it('buckets the same with an index on the key as without: the catalog is not asked, counts exact', async () => {
      const result = await run('indexed')
      expect(result.status).toBe('fail')
      const c = result.details?.checksum
      expect(c).toMatchObject({
        located: true,
        complete: true,
        strategy: 'buckets',
        bucketing: 'integer_key',
        missing: missingIds.size,
        // The far extra key is filtered out; the near one and the duplicate remain.
        extra: 2,
        changed: changedIds.size,
        duplicateKeys: 1,
      })
      expect(c?.columnsDiffering).toEqual([
        { column: 'name', rows: 2 },
        { column: 'at', rows: 2 },
      ])
      // Every query is a locate scan: two or three per side, and nothing else.
      expect(c?.queries).toBe((c?.scans?.source ?? 0) + (c?.scans?.target ?? 0))
      expect(c?.scans?.source).toBeLessThanOrEqual(3)
      expect(c?.keyRowsFetched ?? Infinity).toBeLessThan(ROWS / 5)
    })

    it('reports sample keys of every category, not only the first', async () => {
      const c = (await run('samples')).details?.checksum
      expect(new Set(c?.samples?.map((s) => s.category))).toEqual(
        new Set(['changed', 'missing', 'extra', 'duplicate']),
      )
      expect(c?.samples).toHaveLength(4)
    })

    it('stops at the row budget, counting bucket rows too, says what it found so far and still fails', async () => {
      const result = await run('budget')
      expect(result.status).toBe('fail')
      const c = result.details?.checksum
      expect(c).toMatchObject({ complete: false, incomplete: true, stoppedBy: 'rows' })
      expect(c?.unlocated?.segments).toBeGreaterThan(0)
      expect((c?.keyRowsFetched ?? Infinity) + (c?.segmentRowsFetched ?? Infinity)).toBeLessThanOrEqual(100)
      expect(result.message).toMatch(/incomplete, stopped by the row budget/)
      expect(result.source?.rows).toBe(String(ROWS))
      expect(result.target?.rows).toBe('100')
    })

    it('keeps the row budget with integer-key buckets on a copy without an index', async () => {
      const result = await run('heap-budget')
      expect(result.status).toBe('fail')
      const c = result.details?.checksum
      expect(c).toMatchObject({
        strategy: 'buckets',
        bucketing: 'integer_key',
        complete: false,
        stoppedBy: 'rows',
      })
      expect((c?.keyRowsFetched ?? Infinity) + (c?.segmentRowsFetched ?? Infinity)).toBeLessThanOrEqual(100)
      expect(c?.unlocated?.segments).toBeGreaterThan(0)
    })

    it('stops at the time budget before the next query once it is spent', async () => {
      // A clock that moves 11 minutes each time it is read: past the default 10-minute budget at the first look.
      let t = Date.parse('2024-04-01T00:00:00Z')
      const result = await run('by-id', () => new Date((t += 11 * 60_000)))
      expect(result.status).toBe('fail')
      const c = result.details?.checksum
      expect(c).toMatchObject({ incomplete: true, stoppedBy: 'time', queries: 0 })
      expect(result.message).toMatch(/stopped by the time budget \(max_locate_time\)/)
    })
  })
}
