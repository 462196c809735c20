import { readFile } from 'node:fs/promises'
import { isNode, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import type { ValidationIssue } from '../errors/errors.js'

/** A parsed YAML file that can map a field path back to the line it was written on. */
export interface YamlSource {
  readonly file: string
  readonly data: unknown
  /** 1-based line of the value at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined
}

/** Reads and parses a YAML file; syntax errors come back as issues with line numbers, never as throws. */
export async function readYamlFile(
  file: string,
): Promise<{ source: YamlSource } | { issues: ValidationIssue[] }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return { issues: [{ file, field: '', message: `cannot read the file (${reason})` }] }
  }
  return parseYamlText(file, text)
}

/** Parses YAML text already in memory; see {@link readYamlFile}. */
export function parseYamlText(
  file: string,
  text: string,
): { source: YamlSource } | { issues: ValidationIssue[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        field: '',
        message: `YAML syntax error: ${e.message.split('\n')[0]} (check indentation, quotes and colons on this line)`,
      })),
    }
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = doc.getIn(path.slice(0, length) as unknown[], true)
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return undefined
  }
  return { source: { file, data: doc.toJS(), lineOf } }
}

/** Renders a zod path as `assertions[2].tolerance`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
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
      message = /received undefined$/.test(issue.message)
        ? `required field is missing: add it (expected ${expected})`
        : `expected ${expected}, got ${issue.message.replace(/^.*received /, '')}`
    }
    return { file: source.file, line: source.lineOf(path), field: formatPath(path), message }
  })
}
