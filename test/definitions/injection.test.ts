import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { ConnectionSet } from '../../src/connections/connection.js'
import { loadDefinitions } from '../../src/check-kinds/load-definitions.js'
import type { CheckDefinition, ColumnMapping } from '../../src/definitions/types.js'
import type { ValidationIssue } from '../../src/errors/errors.js'
import { runCheck } from '../../src/runner/run-check.js'
import { readLoadFinished } from '../../src/scheduler/load-wait.js'
import { availableEngines, type TestDatabase } from '../support/engines.js'
import { definitionsIn } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/**
 * Issue 9: a definition can never change a source database. Each shape below is refused by `reconcile validate`
 * with its file, line and field; and, built as a parsed definition that skipped validation, it still cannot drop
 * the canary table on a real engine (extended protocol, read-only transaction, quoted identifiers).
 */

const DROP = 'COMMIT; DROP TABLE cosmic.canary;'
/** A column that really exists on the source, named so that an unquoted name would end the statement. */
const QUOTE_BREAKER = `visit_id") ; ${DROP} SELECT ("`
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The fields of the definition template that a shape can replace. */
interface Fields {
  sourceTable?: string
  sourceWhere?: string
  sourceQuery?: string
  visitSource: string
  key: string
  cutoffFrom: 'source' | 'target'
  cutoffQuery: string
  cutoffSourceColumn: string
}

const BASE: Fields = {
  sourceTable: 'cosmic.visit',
  visitSource: 'visit_id',
  key: 'visit',
  cutoffFrom: 'target',
  cutoffQuery: 'SELECT MAX(loaded_at) FROM ci.load_log',
  cutoffSourceColumn: 'changed_at',
}

/** A definition, one field per line; values are JSON strings, which YAML reads as double-quoted scalars. */
function definitionYaml(fields: Fields): string {
  const q = JSON.stringify
  const optional = (key: string, value: string | undefined) =>
    value === undefined ? [] : [`  ${key}: ${q(value)}`]
  return [
    'id: canary',
    'title: Canary',
    'description: injection test',
    'owner: tests',
    'severity: low',
    'source:',
    '  connection: cosmic',
    ...optional('table', fields.sourceTable),
    ...optional('where', fields.sourceWhere),
    ...optional('query', fields.sourceQuery),
    'target:',
    '  connection: ci',
    '  table: ci.visit',
    'columns:',
    `  - { name: visit, source: ${q(fields.visitSource)}, target: visit_key }`,
    '  - { name: changed_at, source: changed_at, target: changed_at }',
    `key: [${q(fields.key)}]`,
    'cutoff:',
    `  from: ${fields.cutoffFrom}`,
    `  query: ${q(fields.cutoffQuery)}`,
    `  source_column: ${q(fields.cutoffSourceColumn)}`,
    '  target_column: changed_at',
    'late_changes:',
    '  source_column: changed_at',
    '  max_keys: 1000',
    'assertions:',
    '  - kind: row_count',
    '',
  ].join('\n')
}

/** 1-based line of the first line holding `value` as written by {@link definitionYaml}. */
function lineHolding(text: string, value: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(JSON.stringify(value)))
  if (index < 0) throw new Error(`the template does not hold ${value}`)
  return index + 1
}

const withVisit = (columns: readonly ColumnMapping[], source: string): ColumnMapping[] =>
  columns.map((c) => (c.name === 'visit' ? { ...c, source } : c))

interface Shape {
  readonly name: string
  /** The injected text, as a person would write it in the definition. */
  readonly injected: string
  readonly fields: Partial<Fields>
  /** The field the validation error names, and what it says. */
  readonly field: string
  readonly refusal: RegExp
  /** The same injection in a parsed definition that skipped validation. */
  readonly bypass: (base: CheckDefinition) => CheckDefinition
  /** What the server says at run time, when the statement reaches it as text; undefined when it must not fail. */
  readonly atRunTime?: RegExp
}

/**
 * How a query's own text reopens the tool's statement after its injected statements. A query is first described
 * inside `… FROM (SELECT 1 AS one) AS o LEFT JOIN (query) AS q ON false CROSS JOIN LATERAL (…)`: an injection
 * that closes that and reopens it is well formed, so that only the one-statement-per-Parse rule can stop it.
 */
const REOPEN = 'SELECT d.* FROM (SELECT 1 AS one) AS o LEFT JOIN'
const TWO_QUERIES = `SELECT visit_id, changed_at FROM cosmic.visit) AS q ON false; ${DROP} ${REOPEN} (SELECT 1 AS visit_id, now()::timestamp AS changed_at`
const TWO_CUTOFF_QUERIES = `SELECT MAX(loaded_at) FROM cosmic.load_log) AS c(cutoff)) AS q ON false; ${DROP} ${REOPEN} (SELECT c.cutoff FROM (SELECT now()::timestamp`

const MULTIPLE = /cannot insert multiple commands into a prepared statement/
const whereShape = (name: string, injected: string, refusal: RegExp): Shape => ({
  name,
  injected,
  fields: { sourceWhere: injected },
  field: 'source.where',
  refusal,
  bypass: (base) => ({ ...base, source: { ...base.source, where: injected } }),
  atRunTime: MULTIPLE,
})

const SHAPES: readonly Shape[] = [
  // The issue's text as filed: the server also fails to parse it inside the tool's WHERE (…).
  {
    ...whereShape('the filter from the issue', `) ; ${DROP} SELECT (1`, /closes a parenthesis/),
    atRunTime: /syntax error at or near "\)"/,
  },
  // The same, well formed, so that only the one-statement-per-Parse rule stops it.
  whereShape('a filter that ends the transaction', `1 = 1) ; ${DROP} SELECT (1`, /closes a parenthesis/),
  whereShape(
    'a separator after a line comment',
    `1 = 1 --\n) ; ${DROP} SELECT (1`,
    /comments are not allowed/,
  ),
  whereShape(
    'a separator after a block comment',
    `1 = 1 /* note */ ) ; ${DROP} SELECT (1`,
    /comments are not allowed/,
  ),
  // A reader that knows only '…' strings sees one literal from the ' inside $$'$$ to the final '1'.
  whereShape(
    'a separator hidden by a dollar-quoted string',
    `'x' = $$'$$ ) ; ${DROP} SELECT (1 = '1'`,
    /closes a parenthesis/,
  ),
  {
    name: 'a query with a second statement',
    injected: TWO_QUERIES,
    fields: {
      sourceTable: undefined,
      sourceQuery: TWO_QUERIES,
    },
    field: 'source.query',
    refusal: /closes a parenthesis/,
    bypass: (base) => ({
      ...base,
      source: {
        connection: 'cosmic',
        query: TWO_QUERIES,
      },
    }),
    atRunTime: MULTIPLE,
  },
  {
    name: 'a query followed by a second statement',
    injected: 'SELECT visit_id, changed_at FROM cosmic.visit; DROP TABLE cosmic.canary',
    fields: {
      sourceTable: undefined,
      sourceQuery: 'SELECT visit_id, changed_at FROM cosmic.visit; DROP TABLE cosmic.canary',
    },
    field: 'source.query',
    refusal: /";" would end the statement/,
    bypass: (base) => ({
      ...base,
      source: {
        connection: 'cosmic',
        query: 'SELECT visit_id, changed_at FROM cosmic.visit; DROP TABLE cosmic.canary',
      },
    }),
    atRunTime: /syntax error at or near ";"/,
  },
  {
    name: 'a query that is not a SELECT',
    injected: 'DELETE FROM cosmic.canary RETURNING 1 AS visit_id, now() AS changed_at',
    fields: {
      sourceTable: undefined,
      sourceQuery: 'DELETE FROM cosmic.canary RETURNING 1 AS visit_id, now() AS changed_at',
    },
    field: 'source.query',
    refusal: /"DELETE" is not allowed/,
    bypass: (base) => ({
      ...base,
      source: {
        connection: 'cosmic',
        query: 'DELETE FROM cosmic.canary RETURNING 1 AS visit_id, now() AS changed_at',
      },
    }),
    atRunTime: /syntax error/,
  },
  {
    name: 'an operator in a column name',
    injected: 'visit_id OR 1 @ 1',
    fields: { visitSource: 'visit_id OR 1 @ 1' },
    field: 'columns[0].source',
    refusal: /a column name is letters, digits and "_"/,
    bypass: (base) => ({ ...base, columns: withVisit(base.columns, 'visit_id OR 1 @ 1') }),
    atRunTime: /has no column "visit_id OR 1 @ 1"/,
  },
  {
    name: 'an operator in a key',
    injected: 'visit_id OR 1 @ 1',
    fields: { key: 'visit_id OR 1 @ 1' },
    field: 'key[0]',
    refusal: /a column name is letters, digits and "_"/,
    bypass: (base) => ({ ...base, key: withVisit(base.key, 'visit_id OR 1 @ 1') }),
    atRunTime: /not resolved/,
  },
  {
    name: 'a quote that would end a quoted name, in a column and key that exist',
    injected: QUOTE_BREAKER,
    fields: { visitSource: QUOTE_BREAKER },
    field: 'columns[0].source',
    refusal: /a column name is letters, digits and "_"/,
    bypass: (base) => ({
      ...base,
      columns: withVisit(base.columns, QUOTE_BREAKER),
      key: withVisit(base.key, QUOTE_BREAKER),
    }),
    // The dialect quotes the name, so the statement runs as written and finds the rows equal.
    atRunTime: undefined,
  },
  {
    name: 'a filter in a table name',
    injected: 'cosmic.visit WHERE 1 @ 1',
    fields: { sourceTable: 'cosmic.visit WHERE 1 @ 1' },
    field: 'source.table',
    refusal: /write the table as schema\.table/,
    bypass: (base) => ({
      ...base,
      source: { ...base.source, table: { schema: 'cosmic', name: 'visit WHERE 1 @ 1' } },
    }),
    atRunTime: /does not exist/,
  },
  {
    name: 'a cutoff query with a second statement',
    injected: TWO_CUTOFF_QUERIES,
    fields: {
      cutoffFrom: 'source',
      cutoffQuery: TWO_CUTOFF_QUERIES,
    },
    field: 'cutoff.query',
    refusal: /closes a parenthesis/,
    bypass: (base) => ({
      ...base,
      cutoff: {
        from: 'source',
        query: TWO_CUTOFF_QUERIES,
        sourceColumn: 'changed_at',
        targetColumn: 'changed_at',
      },
    }),
    atRunTime: MULTIPLE,
  },
  {
    name: 'an operator in a cutoff column',
    injected: 'changed_at OR 1 @ 1',
    fields: { cutoffSourceColumn: 'changed_at OR 1 @ 1' },
    field: 'cutoff.source_column',
    refusal: /a column name is letters, digits and "_"/,
    bypass: (base) => ({
      ...base,
      cutoff: {
        from: 'target',
        query: BASE.cutoffQuery,
        sourceColumn: 'changed_at OR 1 @ 1',
        targetColumn: 'changed_at',
      },
    }),
    atRunTime: /has no column "changed_at OR 1 @ 1"/,
  },
]

/** The load query of the configuration goes through the same guard and the same connection layer. */
const LOAD_QUERY =
  'SELECT MAX(loaded_at) FROM ci.load_log) AS l(finished_at)) AS q ON false; COMMIT; DROP TABLE cosmic.canary; ' +
  `${REOPEN} (SELECT l.finished_at FROM (SELECT now()::timestamp`

const CANARY =
  'CREATE SCHEMA cosmic; CREATE TABLE cosmic.canary (id integer); INSERT INTO cosmic.canary VALUES (1), (2);'

describe('injection shapes are refused at validation, with file, line and field', () => {
  let dir: TempDir
  beforeAll(async () => {
    dir = await tempDir()
  })
  afterAll(async () => {
    await dir?.remove()
  })

  it('accepts the template the shapes are written into', async () => {
    await dir.write('base/canary.yaml', definitionYaml(BASE))
    const { issues } = await loadDefinitions(path.join(dir.path, 'base'), new Set(['cosmic', 'ci']))
    expect(issues).toEqual([])
  })

  it.each(SHAPES.map((s) => [s.name, s] as const))('refuses %s', async (_name, shape) => {
    const text = definitionYaml({ ...BASE, ...shape.fields })
    const file = await dir.write(`${shape.name.replaceAll(' ', '-')}/canary.yaml`, text)
    const { definitions, issues } = await loadDefinitions(path.dirname(file), new Set(['cosmic', 'ci']))
    expect(definitions).toEqual([])
    const located: Partial<ValidationIssue>[] = issues.map(({ file: f, line, field }) => ({
      file: f,
      line,
      field,
    }))
    expect(located).toContainEqual({ file, line: lineHolding(text, shape.injected), field: shape.field })
    expect(issues.find((i) => i.field === shape.field)?.message).toMatch(shape.refusal)
  })

  it('refuses a load query with a second statement in the configuration', async () => {
    const shipped = await readFile('config/reconcile.yaml', 'utf8')
    const original = "query: SELECT MAX(finished_at) FROM etl.load_log WHERE status = 'succeeded'"
    expect(shipped).toContain(original)
    const text = shipped.replace(original, `query: ${JSON.stringify(LOAD_QUERY)}`)
    const file = await dir.write('config/reconcile.yaml', text)
    const { issues } = await loadConfig(file, {})
    expect(issues.map(({ field, line }) => ({ field, line }))).toEqual([
      { field: 'schedule.runs[0].load.query', line: lineHolding(text, LOAD_QUERY) },
    ])
    expect(issues[0]?.message).toMatch(/closes a parenthesis/)
  })
})

for (const engine of availableEngines({
  pgOnly: 'fixture tables and injected SQL are written in PostgreSQL SQL',
})) {
  describe(`injection shapes that skipped validation cannot change ${engine.name}`, () => {
    let dir: TempDir
    let source: TestDatabase
    let target: TestDatabase
    let connections: ConnectionSet
    let base: CheckDefinition
    const canaries = async () =>
      Promise.all(
        (['cosmic', 'ci'] as const).map(async (name) => {
          const { rows } = await connections
            .get(name)
            .query<{ n: number }>(['SELECT count(*)::int AS n FROM cosmic.canary'])
          return rows[0]?.n
        }),
      )
    const run = (definition: CheckDefinition) =>
      runCheck(definition, {
        runId: 'injection',
        connections,
        timezone: 'Europe/Stockholm',
        now: () => new Date(),
      })

    beforeAll(async () => {
      dir = await tempDir()
      source = await engine.createDatabase('cosmic')
      target = await engine.createDatabase('ci')
      await source.exec(
        `${CANARY}
         CREATE TABLE cosmic.visit (visit_id integer, changed_at timestamp, ${quoted(QUOTE_BREAKER)} integer);
         INSERT INTO cosmic.visit VALUES (1, '2026-01-01 10:00', 1), (2, '2026-01-01 11:00', 2);
         CREATE TABLE cosmic.load_log (loaded_at timestamp); INSERT INTO cosmic.load_log VALUES ('2026-01-02 03:00');`,
      )
      await target.exec(
        `${CANARY} CREATE SCHEMA ci;
         CREATE TABLE ci.visit (visit_key integer, changed_at timestamp);
         INSERT INTO ci.visit VALUES (1, '2026-01-01 10:00'), (2, '2026-01-01 11:00');
         CREATE TABLE ci.load_log (loaded_at timestamp); INSERT INTO ci.load_log VALUES ('2026-01-02 03:00');`,
      )
      await dir.write('base/canary.yaml', definitionYaml(BASE))
      ;[base] = (await definitionsIn(path.join(dir.path, 'base'), ['cosmic', 'ci'])) as [CheckDefinition]
      connections = new ConnectionSet(new Map([source.config, target.config].map((c) => [c.name, c])))
    })
    afterAll(async () => {
      await connections?.close()
      await source?.cleanup()
      await target?.cleanup()
      await dir?.remove()
    })

    it('runs the valid template and finds both sides equal (the harness reaches the engine)', async () => {
      const results = await run(base)
      expect(results.map((r) => r.status)).toEqual(['pass'])
      expect(await canaries()).toEqual([2, 2])
    })

    it.each(SHAPES.map((s) => [s.name, s] as const))('%s: the canary survives', async (_name, shape) => {
      const results = await run(shape.bypass(base))
      if (shape.atRunTime === undefined) {
        expect(results.map((r) => r.status)).toEqual(['pass'])
      } else {
        expect(results.map((r) => r.status)).toEqual(['error'])
        expect(results[0]?.message).toMatch(shape.atRunTime)
      }
      expect(await canaries()).toEqual([2, 2])
    })

    it('a load query with a second statement: the canary survives', async () => {
      await expect(readLoadFinished(connections.get('ci'), LOAD_QUERY, 'Europe/Stockholm')).rejects.toThrow(
        MULTIPLE,
      )
      expect(await canaries()).toEqual([2, 2])
    })
  })
}
