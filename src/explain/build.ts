import type { Config } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import type { StoreQueries } from '../store/store-queries.js'
import { type ControlDocument, controlDocument } from './document.js'
import { gitRevisionOf } from './git-revision.js'
import { type CheckStatements, statementsByConnecting, statementsFromResults } from './statements.js'

/** Where the control document takes each check's SQL from. */
export type StatementSource =
  /** The results store: the statements of the last run of each definition's current version. */
  | { readonly kind: 'store'; readonly queries: StoreQueries }
  /** The databases: prepares each check (catalog reads and the cutoff query; no data is scanned). */
  | { readonly kind: 'connect' }
  /** Nowhere, with the reason shown in the document (e.g. the store does not exist yet). */
  | { readonly kind: 'none'; readonly problem: string }

/** Builds the control document: definitions, configuration, the git revision of checks/ and each check's SQL. */
export async function buildControlDocument(options: {
  config: Config
  definitions: readonly CheckDefinition[]
  statements: StatementSource
  now?: () => Date
}): Promise<ControlDocument> {
  const now = options.now ?? (() => new Date())
  let statements: Map<string, CheckStatements>
  const source = options.statements
  if (source.kind === 'connect')
    statements = await statementsByConnecting(options.config, options.definitions, now)
  else if (source.kind === 'store') {
    statements = new Map()
    for (const d of options.definitions)
      statements.set(d.id, statementsFromResults(await source.queries.latestRunOfDefinition(d.id, d.hash)))
  } else {
    statements = new Map(
      options.definitions.map((d) => [
        d.id,
        { origin: 'none', problem: source.problem, source: [], target: [] },
      ]),
    )
  }
  return controlDocument({
    config: options.config,
    definitions: options.definitions,
    statements,
    revision: await gitRevisionOf(options.config.checksDir),
    generatedAt: now(),
  })
}
