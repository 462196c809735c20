import { readFile, stat } from 'node:fs/promises'
import { type Document, isNode, LineCounter, parseDocument, visit } from 'yaml'
import type { z } from 'zod'
import { type ValidationIssue, WHOLE_FILE } from '../errors/errors.js'

/** A parsed YAML file that can map a field path back to the line it was written on. */
export interface YamlSource {
  readonly file: string
  readonly data: unknown
  /** 1-based line of the value at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined
}

/** Largest configuration or definition file read, in bytes (1 MiB): checked before the file is read. */
export const MAX_YAML_BYTES = 1024 * 1024
/** Deepest nesting of YAML collections accepted; real files nest fewer than ten levels. */
export const MAX_YAML_DEPTH = 64
/** Most alias expansions in one file: a few are handy, a "billion laughs" file would expand millions. */
export const MAX_YAML_ALIASES = 100
/** Most syntax errors listed for one file: the first ones are what to fix. */
const MAX_SYNTAX_ERRORS = 10

/** Reads and parses a YAML file; syntax errors come back as issues with line numbers, never as throws. */
export async function readYamlFile(
  file: string,
): Promise<{ source: YamlSource } | { issues: ValidationIssue[] }> {
  let text: string
  try {
    const { size } = await stat(file)
    if (size > MAX_YAML_BYTES) {
      return {
        issues: [
          {
            file,
            field: WHOLE_FILE,
            message: `the file is ${size} bytes, more than the ${MAX_YAML_BYTES} allowed; is it the right file? Split large definitions into one file per check`,
          },
        ],
      }
    }
    text = await readFile(file, 'utf8')
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      issues: [
        {
          file,
          field: WHOLE_FILE,
          message: `cannot read the file (${reason}); check the path and its permissions`,
        },
      ],
    }
  }
  return parseYamlText(file, text)
}

/**
 * Finds the first line that nests collections deeper than {@link MAX_YAML_DEPTH}, counting flow brackets
 * (`[`, `{`) and the sequence or mapping indicators that open a line. It over-counts brackets inside quoted
 * strings, which real files do not nest that deep. The parser needs seconds for such a file, so this comes first.
 */
function tooDeepLine(text: string): number | undefined {
  let depth = 0
  let line = 1
  let lineStart = true
  let indicators = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') {
      line += 1
      lineStart = true
      indicators = 0
      continue
    }
    if (lineStart && (c === '-' || c === '?' || c === ':') && /\s/.test(text[i + 1] ?? ' ')) indicators += 1
    else if (c !== ' ' && c !== '\t') lineStart = false
    if (c === '[' || c === '{') depth += 1
    else if ((c === ']' || c === '}') && depth > 0) depth -= 1
    if (depth > MAX_YAML_DEPTH || indicators > MAX_YAML_DEPTH) return line
  }
  return undefined
}

/** Parses YAML text already in memory; see {@link readYamlFile}. */
export function parseYamlText(
  file: string,
  text: string,
): { source: YamlSource } | { issues: ValidationIssue[] } {
  const deep = tooDeepLine(text)
  if (deep !== undefined) {
    return {
      issues: [
        {
          file,
          line: deep,
          field: '',
          message: `the YAML nests more than ${MAX_YAML_DEPTH} levels deep here; check the brackets and indentation`,
        },
      ],
    }
  }
  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      issues: [{ file, field: WHOLE_FILE, message: `cannot parse the YAML (${reason}); is it a YAML file?` }],
    }
  }
  if (doc.errors.length > 0) {
    const shown: ValidationIssue[] = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({
      file,
      line: lineCounter.linePos(e.pos[0]).line,
      field: '',
      message: `YAML syntax error: ${e.message.split('\n')[0]} (check indentation, quotes and colons on this line)`,
    }))
    const firstUnshown = doc.errors[MAX_SYNTAX_ERRORS]
    if (firstUnshown !== undefined) {
      shown.push({
        file,
        line: lineCounter.linePos(firstUnshown.pos[0]).line,
        field: '',
        message: `and ${doc.errors.length - MAX_SYNTAX_ERRORS} more YAML syntax errors from this line on; fix the ones above first, later ones often follow from them`,
      })
    }
    return { issues: shown }
  }
  const aliases = checkAliases(file, doc, lineCounter)
  if (aliases.issues.length > 0) return { issues: aliases.issues }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return {
      issues: [
        {
          file,
          line: aliases.firstLine,
          field: '',
          message: `cannot read the YAML (${reason}); write the values out instead of repeating aliases (*name), at most ${MAX_YAML_ALIASES} expansions`,
        },
      ],
    }
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = doc.getIn(path.slice(0, length) as unknown[], true)
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return undefined
  }
  return { source: { file, data, lineOf } }
}

/**
 * Every alias (`*name`) must refer to an anchor (`&name`) set before it. Returns the problems and the line of the
 * first alias, to locate an alias bomb.
 */
function checkAliases(
  file: string,
  doc: Document,
  lineCounter: LineCounter,
): { issues: ValidationIssue[]; firstLine?: number } {
  const issues: ValidationIssue[] = []
  let firstLine: number | undefined
  visit(doc, {
    Alias(_key, alias) {
      const line = alias.range ? lineCounter.linePos(alias.range[0]).line : undefined
      firstLine ??= line
      if (alias.resolve(doc) === undefined) {
        issues.push({
          file,
          line,
          field: '',
          message: `the alias *${alias.source} refers to no anchor &${alias.source} set before it; define the anchor first or write the value out`,
        })
      }
    },
  })
  return { issues, firstLine }
}

/** Renders a zod path as `assertions[2].tolerance`; the empty path (the document itself) as {@link WHOLE_FILE}. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? WHOLE_FILE : out
}

/** Turns zod issues into located validation issues with messages a person can act on. */
export function zodIssues(source: YamlSource, error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path as PropertyKey[]
    let message = issue.message
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys
      message = `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}: check the spelling against the reference in README.md`
      return {
        file: source.file,
        line: source.lineOf([...path, keys[0] ?? '']),
        field: formatPath(path),
        message,
      }
    }
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      const expected = (issue as { expected?: string }).expected ?? 'a value'
      const received = issue.message.replace(/^.*received /, '')
      message = /received undefined$/.test(issue.message)
        ? `required field is missing: add it (expected ${expected})`
        : path.length === 0
          ? `the file must be a YAML mapping of fields, one "name: value" per line, got ${received}; compare it with the examples in README.md`
          : `expected ${expected}, got ${received}`
    }
    return { file: source.file, line: source.lineOf(path), field: formatPath(path), message }
  })
}
