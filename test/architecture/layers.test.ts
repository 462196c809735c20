import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '../../src')

/**
 * The folders of src, bottom-up; the README's "How it works" draws the same graph. A folder may import only
 * folders of lower layers, never one of its own layer or above, so data flows one way and no folder cycle exists.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors'],
  ['util', 'i18n', 'sql-text'],
  ['config'],
  ['dialects'],
  ['definitions'],
  ['results'],
  ['connections', 'store'],
  ['plan'],
  ['checksum'],
  ['check-kinds'],
  ['runner'],
  ['incidents'],
  ['notify'],
  ['pipeline'],
  ['scheduler', 'evidence'],
  ['explain'],
  ['web'],
  ['cli'],
  ['demo'],
]

/** Imports against the flow that are known and not yet moved; each must still exist (the last test says so). */
const IMPORT_EXCEPTIONS: readonly string[] = []

/** Every .ts file under src, as paths relative to src. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : []
  })
}

/** The top folder of a path relative to src, or '' for a file directly in src. */
function folderOf(relative: string): string {
  const parts = relative.split(path.sep)
  return parts.length > 1 ? (parts[0] ?? '') : ''
}

/** Relative import specifiers of a file (static, type-only and dynamic). */
function importsOf(source: string): string[] {
  const found: string[] = []
  for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)) {
    if (match[1] !== undefined) found.push(match[1])
  }
  return found
}

/** Folder-to-folder imports: `from → to` with the files that make them. */
function folderImports(): Map<string, string[]> {
  const edges = new Map<string, string[]>()
  for (const file of sourceFiles()) {
    const from = folderOf(file)
    for (const specifier of importsOf(readFileSync(path.join(SRC, file), 'utf8'))) {
      const target = path.relative(SRC, path.resolve(SRC, path.dirname(file), specifier))
      const to = folderOf(target)
      if (to === from || from === '' || to === '') continue
      const edge = `${from} → ${to}`
      edges.set(edge, [...(edges.get(edge) ?? []), file])
    }
  }
  return edges
}

describe('layers', () => {
  const rank = new Map(LAYERS.flatMap((layer, i) => layer.map((folder) => [folder, i] as const)))

  it('names every folder of src in exactly one layer', () => {
    const folders = [
      ...new Set(
        sourceFiles()
          .map(folderOf)
          .filter((f) => f !== ''),
      ),
    ].sort()
    expect(folders).toEqual([...rank.keys()].sort())
    expect(rank.size).toBe(LAYERS.flat().length)
  })

  it('has no import against the flow: a folder imports only folders of lower layers', () => {
    const against = [...folderImports()]
      .filter(([edge]) => {
        const [from, to] = edge.split(' → ') as [string, string]
        return (
          (rank.get(to) ?? Infinity) >= (rank.get(from) ?? -Infinity) && !IMPORT_EXCEPTIONS.includes(edge)
        )
      })
      .map(([edge, files]) => `${edge} (${files.join(', ')})`)
    expect(against).toEqual([])
  })

  it('lists only exceptions that still exist, so a fixed one is removed from the list', () => {
    const edges = folderImports()
    expect(IMPORT_EXCEPTIONS.filter((edge) => !edges.has(edge))).toEqual([])
  })
})
