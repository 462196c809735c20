import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describeError } from '../../errors/errors.js'
import { evidenceCsv, evidenceJson } from '../../evidence/csv.js'
import { collectEvidence, parseDate } from '../../evidence/evidence.js'
import { StoreQueries } from '../../store/store-queries.js'
import { openStoreForReading } from '../../store/open-for-reading.js'
import { EXIT } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { loadAll, printIssues } from '../load.js'

/** `reconcile evidence --help`. */
export const EVIDENCE_HELP = `Usage: reconcile evidence --from DATE --to DATE [options]

Exports the evidence of a period for an audit: every run and every result (time, check,
assertion, status, values on both sides, difference, cutoff, definition hash, incident id),
the nights on which the control did not run or did not finish, and the definition changes
(a check's hash first seen on a date). Only counts, sums, timestamps and hashes: no patient data.
Dates are local dates in the configured time zone, both inclusive.

Options:
  -c, --config FILE   configuration file (default config/reconcile.yaml)
  --from DATE         first day, YYYY-MM-DD
  --to DATE           last day, YYYY-MM-DD
  --format json|csv   one JSON document (default) or four CSV files (needs --out)
  -o, --out DIR       write evidence.json, or runs.csv, results.csv, nights.csv and
                      definition-changes.csv, into DIR (created if missing)
  -h, --help          show this help

Without --out the JSON document is printed. Exit status: 0 written, 2 the store could not be
read or the files written, 3 invalid configuration or options.`

/** Options of `reconcile evidence`. */
export interface EvidenceOptions {
  readonly configFile: string
  readonly from?: string
  readonly to?: string
  /** `json` (default) or `csv`. */
  readonly format?: string
  /** Directory to write into; default: JSON on standard output. */
  readonly out?: string
  readonly now?: () => Date
}

/** `reconcile evidence`: exports the runs, results, missed nights and definition changes of a period. */
export async function evidenceCommand(options: EvidenceOptions, io: CliIo): Promise<number> {
  const from = parseDate(options.from ?? '')
  const to = parseDate(options.to ?? '')
  const format = options.format ?? 'json'
  const problems = [
    from === undefined ? `--from: expected a date YYYY-MM-DD, got "${options.from ?? ''}"` : undefined,
    to === undefined ? `--to: expected a date YYYY-MM-DD, got "${options.to ?? ''}"` : undefined,
    from !== undefined && to !== undefined && from > to ? `--from ${from} is after --to ${to}` : undefined,
    format !== 'json' && format !== 'csv' ? `--format: expected json or csv, got "${format}"` : undefined,
    format === 'csv' && options.out === undefined
      ? '--format csv writes four files: give --out DIR'
      : undefined,
  ].filter((p) => p !== undefined)
  if (problems.length > 0 || from === undefined || to === undefined) {
    for (const problem of problems) io.err(problem)
    return EXIT.invalid
  }
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { config } = loaded
  let queries: StoreQueries | undefined
  let evidence
  try {
    queries = new StoreQueries(await openStoreForReading(config.store))
    evidence = await collectEvidence(queries, {
      from,
      to,
      timezone: config.timezone,
      installation: config.installation,
      now: options.now,
    })
  } catch (error: unknown) {
    io.err(`Cannot read the results store: ${describeError(error)}`)
    return EXIT.error
  } finally {
    await queries?.close()
  }
  const json = `${JSON.stringify(evidenceJson(evidence), null, 2)}\n`
  if (options.out === undefined) {
    io.out(json.trimEnd())
    return EXIT.ok
  }
  const files = format === 'csv' ? evidenceCsv(evidence) : { 'evidence.json': json }
  try {
    await mkdir(options.out, { recursive: true })
    for (const [name, content] of Object.entries(files))
      await writeFile(path.join(options.out, name), content)
  } catch (error: unknown) {
    io.err(`Cannot write the evidence to ${options.out}: ${describeError(error)}`)
    return EXIT.error
  }
  const missed = evidence.nights.filter((n) => n.status !== 'ran')
  io.out(
    `Evidence ${from} – ${to} (${config.timezone}): ${evidence.runs.length} runs, ${evidence.results.length} results, ${evidence.definitionChanges.length} definition changes; wrote ${Object.keys(files).join(', ')} to ${options.out}.`,
  )
  io.out(
    missed.length === 0
      ? 'The control ran and finished every night of the period.'
      : `Nights without a complete run: ${missed.map((n) => `${n.date} (${n.status.replace('_', ' ')})`).join(', ')}.`,
  )
  if (!evidence.incidentsRecorded) io.out('This store records no incidents: the incident_id column is empty.')
  return EXIT.ok
}
