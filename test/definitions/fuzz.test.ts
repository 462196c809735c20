import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAll } from '../../src/cli/load.js'
import { main } from '../../src/cli/main.js'
import { mulberry32, randomInt } from '../../src/demo/random.js'
import { type ValidationIssue, WHOLE_FILE } from '../../src/errors/errors.js'
import { captureIo } from '../support/capture-io.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/**
 * Fuzzing `reconcile validate` (issue 9): seeded mutations of the shipped configuration and check definitions, each
 * validated in-process through the command's own path. Whatever the input, validation ends with status 0 or 3,
 * names the file and the field (or, for a YAML syntax problem, the line) of every problem, and never crashes.
 */

const SEED = 20261202
const CASES = 300

type Random = () => number
const pick = <T>(random: Random, items: readonly T[]): T => items[randomInt(random, items.length)] as T

const INJECTED_SQL = [
  ') ; COMMIT; DROP TABLE cosmic.canary; SELECT (1',
  '1 = 1 -- ; DROP TABLE x',
  '1 = 1 /* ; */',
  "x = $$'$$ ) ; DROP TABLE t; SELECT ('1'",
  'SELECT 1; SELECT 2',
  'DELETE FROM cosmic.visit',
  'visit_id OR 1 @ 1',
  'cosmic.visit WHERE 1 @ 1',
]
const ODD_VALUES = [
  '1e308',
  '-1',
  '99999999999999999999d',
  '100000000000d',
  '0s',
  'NaN',
  '.inf',
  '~',
  '[]',
  '{}',
  '[[[[]]]]',
  'true',
  '"${UNSET_VARIABLE_FOR_FUZZ}"',
  '"\\u0000"',
  "'5%'",
  '*undefined_alias',
  '!!binary aGVsbG8=',
  '!!js/function "x"',
]

const ALIAS_BOMB = [
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
].join('\n')

/** One mutation: its name (for the failure message) and the text it makes from the file's text. */
type Mutation = (text: string, random: Random) => { name: string; text: string }

const lines = (text: string) => text.split('\n')
/** A line holding `key: value`, for mutations that change a value. */
const valueLines = (text: string) =>
  lines(text)
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => /^\s*(- )?[A-Za-z_]+:\s+\S/.test(line) && !/^\s*#/.test(line))

function replaceValue(text: string, random: Random, value: string): string {
  const all = lines(text)
  const candidates = valueLines(text)
  if (candidates.length === 0) return text
  const { line, i } = pick(random, candidates)
  all[i] = line.replace(/^(\s*(?:- )?[A-Za-z_]+:\s+).*$/, `$1${value}`)
  return all.join('\n')
}

const MUTATIONS: readonly Mutation[] = [
  (text, random) => {
    const bytes = Buffer.from(text)
    const flips = 1 + randomInt(random, 4)
    for (let k = 0; k < flips; k++) {
      const at = randomInt(random, bytes.length)
      bytes[at] = (bytes[at] ?? 0) ^ (1 << randomInt(random, 8))
    }
    return { name: `flip ${flips} bits`, text: bytes.toString('latin1') }
  },
  (text, random) => {
    const at = randomInt(random, text.length)
    return { name: `truncate at ${at}`, text: text.slice(0, at) }
  },
  (text, random) => {
    const all = lines(text)
    const i = randomInt(random, all.length)
    all.splice(i, 0, all[i] ?? '')
    return { name: `duplicate line ${i + 1}`, text: all.join('\n') }
  },
  (text, random) => {
    const all = lines(text)
    const i = randomInt(random, all.length)
    all.splice(i, 1)
    return { name: `delete line ${i + 1}`, text: all.join('\n') }
  },
  (text, random) => {
    const value = pick(random, ODD_VALUES)
    return { name: `value ${value}`, text: replaceValue(text, random, value) }
  },
  (text, random) => {
    const sql = pick(random, INJECTED_SQL)
    return { name: `SQL ${sql}`, text: replaceValue(text, random, JSON.stringify(sql)) }
  },
  (text) => ({ name: 'alias bomb appended', text: `${text}\n${ALIAS_BOMB}\n` }),
  () => ({ name: 'alias bomb alone', text: ALIAS_BOMB }),
  (text) => ({ name: 'deep nesting', text: `${text}\nx: ${'['.repeat(5000)}` }),
  (text, random) => ({
    name: 'over the size limit',
    text: text + `# ${'x'.repeat(80)}\n`.repeat(14_000 + randomInt(random, 1000)),
  }),
  (text) => ({ name: 'many syntax errors', text: `${text}\n${'  - : : [\n'.repeat(40)}` }),
  (text, random) => {
    const all = lines(text)
    const i = randomInt(random, all.length)
    all[i] = ` ${all[i] ?? ''}`
    return { name: `indent line ${i + 1}`, text: all.join('\n') }
  },
  () => ({ name: 'empty file', text: '' }),
  () => ({ name: 'a scalar document', text: 'just a string\n' }),
  () => ({ name: 'a list document', text: '- 1\n- 2\n' }),
]

/** What a problem must name: its file, and a field, or a line for a problem in the YAML itself. */
function isLocated(issue: ValidationIssue, files: ReadonlySet<string>): boolean {
  if (!files.has(issue.file)) return false
  if (issue.field !== '') return true
  return issue.line !== undefined && /YAML|alias|nests/.test(issue.message)
}

describe('fuzzing reconcile validate', () => {
  let dir: TempDir
  let configFile: string
  let originals: Map<string, string>
  beforeAll(async () => {
    dir = await tempDir('reconcile-fuzz-')
    await cp('config', path.join(dir.path, 'config'), { recursive: true })
    await cp('checks', path.join(dir.path, 'checks'), { recursive: true })
    configFile = path.join(dir.path, 'config', 'reconcile.yaml')
    const checks = (await readdir(path.join(dir.path, 'checks'))).map((f) => path.join(dir.path, 'checks', f))
    originals = new Map(
      await Promise.all([configFile, ...checks].map(async (f) => [f, await readFile(f, 'utf8')] as const)),
    )
  })
  afterAll(async () => {
    await dir?.remove()
  })

  it('validates the shipped files unchanged', async () => {
    const io = captureIo()
    expect(await main(['validate', '-c', configFile], io)).toBe(0)
  })

  it(`ends every one of ${CASES} mutated inputs with status 0 or 3 and located problems, never a crash`, async () => {
    const random = mulberry32(SEED)
    const files = [...originals.keys()]
    const known = new Set([...files, path.join(dir.path, 'checks')])
    const failures: string[] = []
    const statuses = new Map<number, number>()
    for (let n = 0; n < CASES; n++) {
      const file = pick(random, files)
      const original = originals.get(file) ?? ''
      const mutation = pick(random, MUTATIONS)(original, random)
      const label = `case ${n} (${path.relative(dir.path, file)}: ${mutation.name})`
      await writeFile(file, mutation.text, 'latin1')
      try {
        const io = captureIo()
        const status = await main(['validate', '-c', configFile], io).catch((error: unknown) => {
          failures.push(`${label}: crashed: ${String(error)}`)
          return -1
        })
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        const printed = `${io.stdout()}\n${io.stderr()}`
        if (status !== 0 && status !== 3 && status !== -1) failures.push(`${label}: status ${status}`)
        if (/\n\s+at \S|unexpected failure|Maximum call stack/.test(printed))
          failures.push(`${label}: printed a crash: ${printed.slice(0, 300)}`)
        const loaded = await loadAll(configFile)
        const issues = loaded.ok ? [] : loaded.issues
        if ((status === 0) !== (issues.length === 0))
          failures.push(`${label}: status ${status} with ${issues.length} problems`)
        for (const issue of issues) {
          if (!isLocated(issue, known)) failures.push(`${label}: unlocated problem ${JSON.stringify(issue)}`)
        }
      } finally {
        await writeFile(file, original)
      }
    }
    expect(failures).toEqual([])
    // Most mutations make an invalid input; some (a duplicated comment line) leave it valid.
    expect(statuses.get(3) ?? 0).toBeGreaterThan(CASES / 2)
    expect(statuses.get(0) ?? 0).toBeGreaterThan(0)
  }, 120_000)

  it('names the file and the field of a file over the size limit, of the syntax errors beyond the first ten and of a document that is not a mapping', async () => {
    const check = [...originals.keys()].find((f) => f.endsWith('patients.yaml')) ?? ''
    const original = originals.get(check) ?? ''
    try {
      await writeFile(check, original + `# ${'x'.repeat(80)}\n`.repeat(14_000))
      const big = await loadAll(configFile)
      expect(big.ok ? [] : big.issues).toEqual([
        {
          file: check,
          field: WHOLE_FILE,
          message: expect.stringMatching(/bytes, more than the 1048576 allowed/),
        },
      ])
      await writeFile(check, `${original}\n${'  - : : [\n'.repeat(40)}`)
      const broken = await loadAll(configFile)
      const last = broken.ok ? undefined : broken.issues.at(-1)
      expect(last).toMatchObject({
        file: check,
        field: '',
        message: expect.stringMatching(/more YAML syntax errors/),
      })
      expect(last?.line).toBeGreaterThan(original.split('\n').length)
      await writeFile(check, 'just a string\n')
      const scalar = await loadAll(configFile)
      expect(scalar.ok ? [] : scalar.issues).toEqual([
        {
          file: check,
          line: 1,
          field: WHOLE_FILE,
          message: expect.stringMatching(/must be a YAML mapping of fields, .* got string/),
        },
      ])
    } finally {
      await writeFile(check, original)
    }
  })
})
