import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadDefinitions } from '../../src/check-kinds/load-definitions.js'
import { formatIssue } from '../../src/errors/errors.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

let dir: TempDir
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.remove()
})

const CONNECTIONS = new Set(['cosmic', 'ci'])

/** A valid definition; tests derive broken ones from it. */
const VISITS = `id: outpatient-visits
title: Outpatient visits
description: Every outpatient visit in Cosmic arrives in CI's visit fact table.
owner: Cosmic management group
severity: high
source:
  connection: cosmic
  table: cosmic.outpatient_visit
  where: cancelled = false
target:
  connection: ci
  table: ci.fact_visit
columns:
  - { name: visit_id, source: visit_id, target: visit_key }
  - { name: fee, source: fee_sek, target: fee_amount }
  - { name: changed_at, source: changed_at, target: source_changed_at }
key: [visit_id]
cutoff:
  from: target
  query: SELECT MAX(finished_at) FROM etl.load_log
  source_column: changed_at
assertions:
  - kind: row_count
    tolerance: { absolute: 0 }
  - kind: aggregate
    column: fee
    functions: [sum, null_count]
    tolerance: { percent: 0.01 }
  - kind: freshness
    column: changed_at
    max_age: 26h
`

describe('loadDefinitions', () => {
  it('parses a valid definition into the parsed type with derived assertion keys and a hash', async () => {
    await dir.write('checks/visits.yaml', VISITS)
    const { definitions, issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    expect(issues).toEqual([])
    const [d] = definitions
    expect(d?.source.table).toEqual({ schema: 'cosmic', name: 'outpatient_visit' })
    expect(d?.key.map((k) => k.target)).toEqual(['visit_key'])
    expect(d?.assertions.map((a) => a.key)).toEqual(['row_count', 'aggregate(fee)', 'freshness(changed_at)'])
    expect(d?.assertions[2]).toMatchObject({ kind: 'freshness', maxAgeMs: 26 * 3_600_000 })
    expect(d?.cutoff).toEqual({
      from: 'target',
      query: 'SELECT MAX(finished_at) FROM etl.load_log',
      sourceColumn: 'changed_at',
      targetColumn: undefined,
    })
    expect(d?.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives the same hash for reformatted YAML and another hash for a changed threshold', async () => {
    await dir.write('a/visits.yaml', VISITS)
    await dir.write(
      'b/visits.yaml',
      `# a comment\n${VISITS.replace('tolerance: { absolute: 0 }', 'tolerance:\n      absolute: 0')}`,
    )
    await dir.write('c/visits.yaml', VISITS.replace('max_age: 26h', 'max_age: 25h'))
    const hash = async (sub: string) =>
      (await loadDefinitions(`${dir.path}/${sub}`, CONNECTIONS)).definitions[0]?.hash
    expect(await hash('a')).toBe(await hash('b'))
    expect(await hash('a')).not.toBe(await hash('c'))
  })

  it('reports a malformed file with its line and still checks the other files', async () => {
    await dir.write('checks/a-broken.yaml', 'id: broken\ntitle: [unclosed\n')
    await dir.write('checks/b-visits.yaml', VISITS.replace('connection: ci', 'connection: warehouse'))
    const { definitions, issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    expect(definitions).toEqual([])
    expect(issues).toHaveLength(2)
    expect(issues[0]?.file).toMatch(/a-broken\.yaml$/)
    expect(issues[0]?.line).toBe(3)
    expect(formatIssue(issues[1] ?? { file: '', field: '', message: '' })).toMatch(
      /b-visits\.yaml:11: target\.connection: unknown connection "warehouse"; configured connections: "cosmic", "ci"$/,
    )
  })

  it('reports a duplicate id naming both files', async () => {
    await dir.write('checks/one.yaml', VISITS)
    await dir.write('checks/two.yaml', VISITS)
    const { issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    expect(issues).toHaveLength(1)
    expect(formatIssue(issues[0] ?? { file: '', field: '', message: '' })).toMatch(
      /two\.yaml:1: id: duplicate id "outpatient-visits", also used in .*one\.yaml:1; every check needs its own id$/,
    )
  })

  it('names the field, the line and the fix for a bad tolerance and an unknown kind', async () => {
    const broken = VISITS.replace('tolerance: { percent: 0.01 }', 'tolerance: { percent: "5%" }')
      .replace('column: changed_at\n    max_age', 'column: loaded_at\n    max_age')
      .replace('  - kind: row_count', '  - kind: checksums\n  - kind: row_count')
    const file = await dir.write('checks/visits.yaml', broken)
    const { issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    const text = issues
      .map(formatIssue)
      .map((t) => t.replace(file, 'F').replace(/^checks\/visits\.yaml|^.*visits\.yaml/, 'F'))
    expect(text).toEqual([
      'F:23: assertions[0].kind: kind must be one of "row_count", "aggregate", "freshness" or "checksum"',
      'F:29: assertions[2].tolerance.percent: expected a number ≥ 0 without "%", e.g. 0.5, got "5%"',
    ])
  })

  it('reports a column that is not mapped, with the mapped ones', async () => {
    await dir.write(
      'checks/visits.yaml',
      VISITS.replace('column: changed_at\n    max_age', 'column: loaded_at\n    max_age'),
    )
    const { issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    expect(issues.map((i) => `${i.line}: ${i.field}: ${i.message}`)).toEqual([
      '30: assertions[2].column: column "loaded_at" is not in "columns"; mapped columns: "visit_id", "fee", "changed_at". Add it to "columns" first',
    ])
  })

  it('requires table or query, not both, and rejects where with query', async () => {
    await dir.write(
      'checks/visits.yaml',
      VISITS.replace('  table: ci.fact_visit', '  table: ci.fact_visit\n  query: SELECT 1'),
    )
    const { issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    expect(issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'target: set exactly one of "table" or "query"',
    ])
  })

  it('refuses to put key values in results: no group_by or min/max on a sensitive key', async () => {
    await dir.write(
      'checks/visits.yaml',
      `${VISITS}  - kind: row_count
    group_by: [visit_id]
  - kind: aggregate
    column: visit_id
    functions: [max, distinct_count]
`,
    )
    const { issues } = await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)
    expect(issues.map((i) => `${i.line}: ${i.field}`)).toEqual([
      '33: assertions[3].group_by[0]',
      '36: assertions[4].functions',
    ])
    expect(issues[0]?.message).toMatch(
      /"visit_id" is a key column: grouping by it would put key values in results and mail/,
    )
    await dir.write(
      'checks/visits.yaml',
      `key_sensitive: false\n${VISITS}  - kind: row_count\n    group_by: [visit_id]\n`,
    )
    expect((await loadDefinitions(`${dir.path}/checks`, CONNECTIONS)).issues).toEqual([])
  })

  it('says so when the directory holds no definitions', async () => {
    const { issues } = await loadDefinitions(dir.path, CONNECTIONS)
    expect(issues[0]?.message).toMatch(/no check definitions/)
  })
})
