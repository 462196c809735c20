import { writeFile } from 'node:fs/promises'
import { describeError } from '../../errors/errors.js'
import { StoreQueries } from '../../store/store-queries.js'
import { openStoreForReading } from '../../store/open-for-reading.js'
import { buildControlDocument, type StatementSource } from '../../explain/build.js'
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../../i18n/language.js'
import { controlDocumentHtml, controlDocumentMarkdown } from '../../explain/render.js'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'

/** `reconcile explain --help`. */
export const EXPLAIN_HELP = `Usage: reconcile explain [options]

Writes the control document: for an auditor, in plain language, what every check compares,
its assertions and thresholds, the cutoff rule, the schedule, who is alerted and who gets
tickets, severity and owner, the exact SQL on each side, the definition's hash and the git
revision of the check definitions. A summary table comes first.

The SQL shown is that of the last recorded run of each definition's current version (from
the results store); with --connect it is built against the databases instead (catalog reads
and the cutoff query only, no data is scanned).

Options:
  -c, --config FILE   configuration file (default config/reconcile.yaml)
  --lang ${LANGUAGES.join('|').padEnd(12)} language (default: the configuration's locale, else ${DEFAULT_LANGUAGE})
  --format html|md    self-contained printable HTML (default) or Markdown
  -o, --out FILE      write to FILE instead of standard output
  --check ID          only this check (repeatable)
  --connect           build the SQL by connecting to the databases
  -h, --help          show this help

Exit status: 0 written, 2 the file could not be written, 3 invalid configuration or options.`

/** Options of `reconcile explain`. */
export interface ExplainOptions {
  readonly configFile: string
  /** Language; default the configuration's locale. */
  readonly lang?: string
  /** `html` (default) or `md`. */
  readonly format?: string
  /** File to write; default standard output. */
  readonly out?: string
  readonly checkIds?: readonly string[]
  readonly connect?: boolean
  readonly now?: () => Date
}

/** `reconcile explain`: writes the control document as HTML or Markdown. Returns the exit status. */
export async function explainCommand(options: ExplainOptions, io: CliIo): Promise<number> {
  const format = options.format ?? 'html'
  if (format !== 'html' && format !== 'md') {
    io.err(`--format: expected html or md, got "${format}"`)
    return EXIT.invalid
  }
  if (options.lang !== undefined && !isLanguage(options.lang)) {
    io.err(`--lang: expected ${LANGUAGES.join(' or ')}, got "${options.lang}"`)
    return EXIT.invalid
  }
  const loaded = await loadAll(options.configFile, options.checkIds)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { config, definitions } = loaded
  const language: Language = isLanguage(options.lang) ? options.lang : config.locale
  let queries: StoreQueries | undefined
  let statements: StatementSource
  if (options.connect === true) statements = { kind: 'connect' }
  else {
    try {
      queries = new StoreQueries(await openStoreForReading(config.store))
      statements = { kind: 'store', queries }
    } catch (error: unknown) {
      statements = { kind: 'none', problem: describeError(error) }
    }
  }
  let text: string
  try {
    const doc = await buildControlDocument({ config, definitions, statements, now: options.now })
    text = format === 'html' ? controlDocumentHtml(doc, language) : controlDocumentMarkdown(doc, language)
  } finally {
    await queries?.close()
  }
  if (options.out === undefined) {
    io.out(text)
    return EXIT.ok
  }
  try {
    await writeFile(options.out, text)
  } catch (error: unknown) {
    io.err(`Cannot write ${options.out}: ${describeError(error)}`)
    return EXIT.error
  }
  io.out(
    `Wrote the control document (${language}, ${format}, ${definitions.length} checks) to ${options.out}.`,
  )
  return EXIT.ok
}
