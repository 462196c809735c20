import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { ValidationIssue } from '../errors/errors.js'
import { readYamlFile, type YamlSource, zodIssues } from '../util/yaml-document.js'
import { definitionHash } from './definition-hash.js'
import type { AssertionSyntax, AssertionSyntaxTable, ResolveHelpers } from './assertion-syntax.js'
import { type DefinitionSchemaOutput, definitionSchemaFor } from './schema.js'
import type {
  Assertion,
  CanonicalOptions,
  CheckDefinition,
  ColumnMapping,
  Dataset,
  LateChangeRule,
} from './types.js'

/** Lists `*.yaml` and `*.yml` below `dir`, sorted, so runs and reports have a stable order. */
export async function findDefinitionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
}

/** Shows a path relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}

/**
 * Loads every definition under `dir` and validates all of them before anything runs: schema, duplicate ids,
 * unknown connections and column references. Every problem is returned; none is thrown. Assertions are read
 * with the syntax of their kind in `kinds` (the check kinds' registry passes its own).
 */
export async function loadDefinitionsWith(
  kinds: AssertionSyntaxTable,
  dir: string,
  knownConnections: ReadonlySet<string>,
): Promise<{ definitions: CheckDefinition[]; issues: ValidationIssue[] }> {
  let files: string[]
  try {
    files = await findDefinitionFiles(dir)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      definitions: [],
      issues: [
        {
          file: displayPath(dir),
          field: 'checks_dir',
          message: `cannot read the checks directory (${reason}); set checks_dir in the configuration`,
        },
      ],
    }
  }
  if (files.length === 0) {
    return {
      definitions: [],
      issues: [
        {
          file: displayPath(dir),
          field: 'checks_dir',
          message:
            'no check definitions (*.yaml) found; add one (see README.md) or point checks_dir at the right directory',
        },
      ],
    }
  }
  const issues: ValidationIssue[] = []
  const definitions: CheckDefinition[] = []
  const seen = new Map<string, { file: string; line?: number }>()
  const definitionSchema = definitionSchemaFor(kinds)
  for (const file of files) {
    const read = await readYamlFile(displayPath(file))
    if ('issues' in read) {
      issues.push(...read.issues)
      continue
    }
    const parsed = definitionSchema.safeParse(read.source.data ?? {})
    if (!parsed.success) {
      issues.push(...zodIssues(read.source, parsed.error))
      continue
    }
    const resolved = resolveDefinition(kinds, read.source, parsed.data, knownConnections)
    issues.push(...resolved.issues)
    const previous = seen.get(parsed.data.id)
    if (previous !== undefined) {
      issues.push({
        file: read.source.file,
        line: read.source.lineOf(['id']),
        field: 'id',
        message: `duplicate id "${parsed.data.id}", also used in ${previous.file}${previous.line === undefined ? '' : `:${previous.line}`}; every check needs its own id`,
      })
    } else {
      seen.set(parsed.data.id, { file: read.source.file, line: read.source.lineOf(['id']) })
    }
    if (resolved.definition !== undefined) definitions.push(resolved.definition)
  }
  return { definitions: issues.length === 0 ? definitions : [], issues }
}

function resolveDefinition(
  kinds: AssertionSyntaxTable,
  source: YamlSource,
  input: DefinitionSchemaOutput,
  knownConnections: ReadonlySet<string>,
): { definition?: CheckDefinition; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  const problem = (at: readonly PropertyKey[], field: string, message: string) => {
    issues.push({ file: source.file, line: source.lineOf([...at]), field, message })
  }

  for (const side of ['source', 'target'] as const) {
    const name = input[side].connection
    if (!knownConnections.has(name)) {
      const known = [...knownConnections].map((c) => `"${c}"`).join(', ') || 'none'
      problem(
        [side, 'connection'],
        `${side}.connection`,
        `unknown connection "${name}"; configured connections: ${known}`,
      )
    }
  }

  const columns: ColumnMapping[] = input.columns.map((c) =>
    typeof c === 'string'
      ? { name: c, source: c, target: c }
      : {
          name: c.name ?? c.source,
          source: c.source,
          target: c.target,
          type: c.type,
          canonical: canonicalOptions(c),
        },
  )
  const byName = new Map<string, ColumnMapping>()
  columns.forEach((c, i) => {
    if (byName.has(c.name))
      problem(
        ['columns', i],
        `columns[${i}]`,
        `column "${c.name}" is mapped twice; give one a different name`,
      )
    byName.set(c.name, c)
  })
  const mapped = [...byName.keys()].map((n) => `"${n}"`).join(', ') || 'none'
  const column = (name: string, at: readonly PropertyKey[], field: string): ColumnMapping | undefined => {
    const found = byName.get(name)
    if (found === undefined)
      problem(
        at,
        field,
        `column "${name}" is not in "columns"; mapped columns: ${mapped}. Add it to "columns" first`,
      )
    return found
  }

  const key = input.key.flatMap((k, i) => column(k, ['key', i], `key[${i}]`) ?? [])
  const helpersAt = (i: number): ResolveHelpers => ({
    at: ['assertions', i],
    field: `assertions[${i}]`,
    columns,
    key: input.key,
    keySensitive: input.key_sensitive,
    hasCutoff: input.cutoff !== undefined,
    problem,
    column,
  })
  const syntaxOf = (kind: Assertion['kind']) => kinds[kind] as AssertionSyntax<Assertion>
  const assertions = input.assertions.flatMap(
    (a, i) => syntaxOf(a.kind as Assertion['kind']).resolve(a, helpersAt(i)) ?? [],
  )
  if (
    input.cutoff !== undefined &&
    input.cutoff.source_column === undefined &&
    input.cutoff.target_column === undefined &&
    input.late_changes === undefined
  ) {
    problem(
      ['cutoff'],
      'cutoff',
      'name the column to filter on: source_column, target_column, or both (or leave late changes out with "late_changes")',
    )
  }
  if (input.late_changes !== undefined) {
    if (input.cutoff === undefined)
      problem(
        ['late_changes'],
        'late_changes',
        'late changes are changes after the cutoff: add a "cutoff" whose query returns the load\'s start',
      )
    if (input.late_changes.source_column !== undefined && key.length === 0)
      problem(
        ['late_changes', 'source_column'],
        'late_changes.source_column',
        'late changes are left out by key: set the definition\'s "key" (the columns that identify a row)',
      )
    if (input.late_changes.read_as_of !== undefined && input.source.table === undefined)
      problem(
        ['late_changes', 'read_as_of'],
        'late_changes.read_as_of',
        'reading as of the cutoff needs a source "table" (a system-versioned temporal table), not a "query"',
      )
  }
  assertions.forEach((a, i) => syntaxOf(a.kind).check?.(a, helpersAt(i)))
  const keys = new Set<string>()
  assertions.forEach((a, i) => {
    if (keys.has(a.key))
      problem(
        ['assertions', i],
        `assertions[${i}]`,
        `two assertions are both named "${a.key}"; give one a distinct "name"`,
      )
    keys.add(a.key)
  })

  if (issues.length > 0) return { issues }
  return {
    issues,
    definition: {
      file: source.file,
      id: input.id,
      title: input.title,
      description: input.description.trim(),
      owner: input.owner,
      severity: input.severity,
      source: toDataset(input.source),
      target: toDataset(input.target),
      columns,
      key,
      keySensitive: input.key_sensitive,
      cutoff:
        input.cutoff === undefined
          ? undefined
          : {
              from: input.cutoff.from,
              query: input.cutoff.query,
              sourceColumn: input.cutoff.source_column,
              targetColumn: input.cutoff.target_column,
            },
      lateChanges: lateChangeRule(input.late_changes),
      notify: { vendor: input.notify.vendor, recipients: input.notify.recipients },
      assertions,
      hash: definitionHash(input),
    },
  }
}

function canonicalOptions(
  c: Exclude<DefinitionSchemaOutput['columns'][number], string>,
): CanonicalOptions | undefined {
  const options: CanonicalOptions = {
    ...(c.precision !== undefined ? { precision: c.precision } : {}),
    ...(c.scale !== undefined ? { scale: c.scale } : {}),
    ...(c.rounding !== undefined ? { rounding: c.rounding } : {}),
    ...(c.trim_trailing_spaces !== undefined ? { trimTrailingSpaces: c.trim_trailing_spaces } : {}),
    ...(c.ignore_case !== undefined ? { ignoreCase: c.ignore_case } : {}),
  }
  return Object.keys(options).length === 0 ? undefined : options
}

function lateChangeRule(input: DefinitionSchemaOutput['late_changes']): LateChangeRule | undefined {
  if (input === undefined) return undefined
  if (input.source_column !== undefined)
    return { method: 'keys', sourceColumn: input.source_column, maxKeys: input.max_keys }
  return { method: 'as_of' }
}

function toDataset(input: DefinitionSchemaOutput['source']): Dataset {
  if (input.table === undefined) return { connection: input.connection, query: input.query }
  const [schema = '', name = ''] = input.table.split('.')
  return { connection: input.connection, table: { schema, name }, where: input.where }
}
