import type { ValidationIssue } from '../errors/errors.js'
import { loadDefinitionsWith } from '../definitions/load-definitions.js'
import type { CheckDefinition } from '../definitions/types.js'
import { CHECK_KINDS } from './index.js'

/**
 * Loads and validates every definition under `dir` (see `loadDefinitionsWith`), reading each assertion with the
 * syntax of its registered kind. Every problem is returned; none is thrown.
 */
export function loadDefinitions(
  dir: string,
  knownConnections: ReadonlySet<string>,
): Promise<{ definitions: CheckDefinition[]; issues: ValidationIssue[] }> {
  return loadDefinitionsWith(CHECK_KINDS, dir, knownConnections)
}
