import { checksDirIssue, loadConfig } from '../config/load-config.js'
import type { Config } from '../config/types.js'
import { loadDefinitions } from '../check-kinds/load-definitions.js'
import type { CheckDefinition } from '../definitions/types.js'
import { formatIssue, type ValidationIssue } from '../errors/errors.js'
import type { CliIo } from './io.js'

/** Configuration and definitions, all validated, or every problem found. */
export type Loaded =
  | { readonly ok: true; readonly config: Config; readonly definitions: CheckDefinition[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

/** Loads the configuration and every definition, and keeps only the checks asked for. */
export async function loadAll(configFile: string, checkIds: readonly string[] = []): Promise<Loaded> {
  const loaded = await loadConfig(configFile)
  if (loaded.config === undefined) return { ok: false, issues: loaded.issues }
  const config = loaded.config
  const missingDir = await checksDirIssue(configFile, config.checksDir)
  if (missingDir !== undefined) return { ok: false, issues: [missingDir] }
  const { definitions, issues } = await loadDefinitions(config.checksDir, new Set(config.connections.keys()))
  if (issues.length > 0) return { ok: false, issues }
  const unknown = checkIds.filter((id) => !definitions.some((d) => d.id === id))
  if (unknown.length > 0) {
    return {
      ok: false,
      issues: unknown.map((id) => ({
        file: '--check',
        field: '',
        message: `no check with id "${id}"; known ids: ${definitions.map((d) => d.id).join(', ')}`,
      })),
    }
  }
  const selected = checkIds.length === 0 ? definitions : definitions.filter((d) => checkIds.includes(d.id))
  return { ok: true, config, definitions: selected }
}

/** Prints validation problems, one per line, in `file:line: field: message` form. */
export function printIssues(io: CliIo, issues: readonly ValidationIssue[]): void {
  io.err(
    `Invalid configuration: ${issues.length} problem${issues.length === 1 ? '' : 's'} found, nothing was run.`,
  )
  for (const issue of issues) io.err(`  ${formatIssue(issue)}`)
}
