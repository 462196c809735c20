import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainAggregate } from '../../src/check-kinds/aggregate/explain.js'
import { loadDefinitions } from '../../src/check-kinds/load-definitions.js'
import type { AggregateAssertion, CheckDefinition } from '../../src/definitions/types.js'
import type { Inline } from '../../src/i18n/inline.js'
import type { CheckResult } from '../../src/results/types.js'
import { executeRun, type RecordedRun } from '../../src/runner/run.js'
import { availableEngines, type TestDatabase, type TestEngine } from '../support/engines.js'
import { type FixtureColumn, fixtureSchema, fixtureTable } from '../support/fixture-sql.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/**
 * `min`/`max` show one row's value in results, mail, tickets and the dashboard. They are refused at plan time on
 * text and date columns (a name, a birth date) unless the assertion says `values_sensitive: false`; numbers and
 * timestamps (amounts, load times) stay allowed. The names below are synthetic, and no result may contain them.
 */
const COLUMNS: FixtureColumn[] = [
  { name: 'id', type: 'bigint', primaryKey: true },
  { name: 'name', type: 'text' },
  { name: 'birth_date', type: 'date' },
  { name: 'unit', type: 'varchar(10)' },
  { name: 'load_date', type: 'date' },
  { name: 'fee', type: 'decimal(10,2)' },
  { name: 'loaded_at', type: 'timestamp' },
  { name: 'changed_tz', type: 'timestamptz' },
  { name: 'active', type: 'boolean' },
]
const NAMES = ['Zlatan Testsson', 'Aina Provdocka', 'Märta Exempelsdotter']
const ROWS = NAMES.map((name, i) => [
  i + 1,
  name,
  `19${40 + i * 17}-0${i + 2}-1${i}`,
  `U${i}`,
  '2026-11-19',
  (125.5 * (i + 1)).toFixed(2),
  `2026-11-19 03:1${i}:00`,
  `2026-11-19 02:1${i}:00+00`,
  i === 0 ? '0' : '1',
])

function fixtures(language: TestEngine['fixtureSql'], schema: string): string {
  return [fixtureSchema(language, schema), fixtureTable(language, `${schema}.patient`, COLUMNS, ROWS)].join(
    '\n',
  )
}

const header = (id: string) => `id: ${id}
title: ${id}
description: min and max of ${id}
owner: tests
severity: high
source: { connection: src, table: src.patient }
target: { connection: dw, table: dw.patient }
columns: [id, name, birth_date, unit, load_date, fee, loaded_at, changed_tz, active]
key: [id]
assertions:
  - kind: row_count
`

const DEFINITIONS: Record<string, string> = {
  'names.yaml': `${header('names')}  - kind: aggregate
    column: name
    functions: [min, max, null_count]
`,
  'births.yaml': `${header('births')}  - kind: aggregate
    column: birth_date
    functions: [distinct_count, min]
`,
  'flags.yaml': `${header('flags')}  - kind: aggregate
    column: active
    functions: [max, null_count]
    values_sensitive: false
`,
  'units.yaml': `${header('units')}  - kind: aggregate
    column: unit
    functions: [min, max]
    values_sensitive: false
  - kind: aggregate
    column: load_date
    functions: [max]
    values_sensitive: false
`,
  'amounts.yaml': `${header('amounts')}  - kind: aggregate
    column: fee
    functions: [sum, min, max]
  - kind: aggregate
    column: loaded_at
    functions: [min, max]
  - kind: aggregate
    column: changed_tz
    functions: [max]
`,
}

for (const engine of availableEngines()) {
  describe(`min and max that would show a patient's value, on ${engine.name}`, () => {
    let dir: TempDir
    let source: TestDatabase
    let target: TestDatabase
    let definitions: CheckDefinition[]
    let run: RecordedRun
    const of = (check: string): CheckResult[] => run.results.filter((r) => r.check === check)
    const file = (check: string): string => definitions.find((d) => d.id === check)?.file ?? 'no such check'

    beforeAll(async () => {
      dir = await tempDir()
      source = await engine.createDatabase('src')
      target = await engine.createDatabase('dw')
      await source.exec(fixtures(engine.fixtureSql, 'src'))
      await target.exec(fixtures(engine.fixtureSql, 'dw'))
      for (const [name, text] of Object.entries(DEFINITIONS)) await dir.write(`checks/${name}`, text)
      definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
      const config = testConfig({ connections: [source.config, target.config], store: pgliteStore(dir.path) })
      const now = () => new Date('2026-11-20T06:30:00Z')
      run = await executeRun({ config, definitions, trigger: 'test', now, sleep: noSleep })
    })
    afterAll(async () => {
      await source?.cleanup()
      await target?.cleanup()
      await dir?.remove()
    })

    it('refuses min and max of a text column when the check is planned, naming file, field, column, type and fix', () => {
      const names = of('names')
      expect(names.map((r) => `${r.assertion}: ${r.status}`)).toEqual([
        'row_count: error',
        'min(name): error',
        'max(name): error',
        'null_count(name): error',
      ])
      expect(names.every((r) => r.error?.code === 'PLAN_INVALID')).toBe(true)
      const message = names[1]?.error?.message ?? ''
      expect(message).toContain(`${file('names')}: assertions[1].functions: min and max of column "name"`)
      expect(message).toMatch(
        /the source column "name" is (text|\w+ \(text\)) and the target column "name" is/,
      )
      expect(message).toContain('Remove min and max (null_count and distinct_count show no value)')
      expect(message).toContain('set values_sensitive: false on assertions[1]')
      // Planning failed before any scan: no SQL was sent.
      expect(names.every((r) => r.sql.source === null && r.sql.target === null)).toBe(true)
    })

    it('refuses min of a date column the same way', () => {
      const births = of('births')
      expect(births.map((r) => r.status)).toEqual(['error', 'error', 'error'])
      const message = births[0]?.error?.message ?? ''
      expect(message).toContain(`${file('births')}: assertions[1].functions: min of column "birth_date"`)
      expect(message).toMatch(/the source column "birth_date" is date\b/)
    })

    it('refuses min and max of a column no engine orders, even when declared not personal', () => {
      const message = of('flags')[0]?.error?.message ?? ''
      expect(message).toContain(
        `${file('flags')}: assertions[1].functions: max needs a number, date, timestamp or text column, but the source column "active" is`,
      )
      expect(message).toContain('remove max (null_count and distinct_count work on any column)')
    })

    it('shows the extremes of a text or date column the definition declares not personal', () => {
      expect(of('units').map((r) => `${r.assertion}: ${r.status}`)).toEqual([
        'row_count: pass',
        'min(unit): pass',
        'max(unit): pass',
        'max(load_date): pass',
      ])
      expect(of('units')[1]?.source).toEqual({ min: 'U0' })
      expect(of('units')[3]?.source).toEqual({ max: '2026-11-19' })
    })

    it('shows the extremes of numbers and timestamps without a declaration', () => {
      expect(of('amounts').map((r) => `${r.assertion}: ${r.status}`)).toEqual([
        'row_count: pass',
        'sum(fee): pass',
        'min(fee): pass',
        'max(fee): pass',
        'min(loaded_at): pass',
        'max(loaded_at): pass',
        'max(changed_tz): pass',
      ])
      expect(of('amounts')[3]?.source).toEqual({ max: '376.5' })
    })

    it('puts no refused value anywhere in the run’s results', () => {
      const recorded = JSON.stringify(run.results)
      for (const row of ROWS) {
        expect(recorded).not.toContain(row[1])
        expect(recorded).not.toContain(row[2])
      }
    })
  })
}

describe('values_sensitive when the definition is loaded', () => {
  let dir: TempDir
  beforeAll(async () => {
    dir = await tempDir()
  })
  afterAll(async () => {
    await dir?.remove()
  })
  const load = async (assertion: string) => {
    await dir.write('checks/names.yaml', `${header('names')}${assertion}`)
    const { definitions, issues } = await loadDefinitions(`${dir.path}/checks`, new Set(['src', 'dw']))
    return {
      definitions,
      issues: issues.map((i) => `${i.file.replace(dir.path, '')}:${i.line}: ${i.field}: ${i.message}`),
    }
  }

  it('must be true or false, and says what false means', async () => {
    const { issues } = await load(
      '  - kind: aggregate\n    column: unit\n    functions: [max]\n    values_sensitive: "no"\n',
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(
      /^\/checks\/names\.yaml:\d+: assertions\[1\]\.values_sensitive: write true or false: false says the column's values identify no one/,
    )
  })

  it('refuses min and max of a column marked values_sensitive: true, whatever its type', async () => {
    const { issues } = await load(
      '  - kind: aggregate\n    column: fee\n    functions: [sum, max]\n    values_sensitive: true\n',
    )
    expect(issues).toEqual([
      `/checks/names.yaml:14: assertions[1].functions: max of "fee" would put one row's value in results and mail, but values_sensitive: true says its values identify a person; remove max (null_count and distinct_count show no value)`,
    ])
  })

  it('is kept as written, and left out when not written (so existing definitions keep their hash)', async () => {
    const aggregate = async (extra: string) =>
      (await load(`  - kind: aggregate\n    column: unit\n    functions: [max]\n${extra}`)).definitions[0]
    const declared = await aggregate('    values_sensitive: false\n')
    const silent = await aggregate('')
    expect(declared?.assertions[1]).toMatchObject({ valuesSensitive: false })
    expect(silent?.assertions[1]).not.toHaveProperty('valuesSensitive')
    expect(declared?.hash).not.toBe(silent?.hash)
  })
})

describe('the control document', () => {
  const words = (text: readonly Inline[]) =>
    text
      .map((i) => (typeof i === 'string' ? i : 'code' in i ? i.code : 'strong' in i ? i.strong : ''))
      .join('')
  const assertion = (functions: AggregateAssertion['functions'], valuesSensitive?: boolean) =>
    ({
      kind: 'aggregate',
      key: 'aggregate(unit)',
      column: { name: 'unit', source: 'unit', target: 'unit' },
      functions,
      tolerance: {},
      ...(valuesSensitive === undefined ? {} : { valuesSensitive }),
    }) satisfies AggregateAssertion

  it('says that min and max show values, and that the definition declared them not personal', () => {
    expect(words(explainAggregate(assertion(['min', 'max'], false), 'en').text)).toContain(
      'The smallest and largest values are shown in results, mail, tickets and the dashboard: the definition declares (values_sensitive: false) that the values of unit identify no one.',
    )
    expect(words(explainAggregate(assertion(['max'], false), 'sv').text)).toContain(
      'Det minsta och det största värdet visas i resultat, e-post, ärenden och översikten: definitionen anger (values_sensitive: false) att värdena i unit inte kan peka ut någon person.',
    )
  })

  it('says that without a declaration only numbers and timestamps are shown', () => {
    expect(words(explainAggregate(assertion(['min']), 'en').text)).toContain(
      'only when unit holds numbers or timestamps (amounts, load times); on a column of text or dates the check is refused before it runs',
    )
    expect(words(explainAggregate(assertion(['min']), 'sv').text)).toContain(
      'bara när unit innehåller tal eller tidsstämplar (belopp, laddningstider); för en kolumn med text eller datum vägras kontrollen innan den körs',
    )
  })

  it('says nothing about shown values when the assertion has no min or max', () => {
    expect(words(explainAggregate(assertion(['sum', 'null_count'], false), 'en').text)).not.toMatch(
      /smallest and largest/,
    )
  })
})
