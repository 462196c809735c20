import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js'
import { describeError } from '../errors/errors.js'
import { VERSION } from '../version.js'
import { daemonCommand } from './commands/daemon.js'
import { EVIDENCE_HELP, evidenceCommand } from './commands/evidence.js'
import { EXPLAIN_HELP, explainCommand } from './commands/explain.js'
import { historyCommand } from './commands/history.js'
import { incidentsCommand } from './commands/incidents.js'
import { outboxCommand } from './commands/outbox.js'
import { reportCommand } from './commands/report.js'
import { runCommand } from './commands/run.js'
import { SERVE_HELP, serveCommand } from './commands/serve.js'
import { validateCommand } from './commands/validate.js'
import { EXIT } from './exit-codes.js'
import type { CliIo } from './io.js'

const CONFIG_HELP = `  -c, --config FILE   configuration file (default ${DEFAULT_CONFIG_FILE})`

const HELP: Readonly<Record<string, string>> = {
  main: `reconcile ${VERSION}: compares a source database with its reporting copy after each nightly load.

Usage: reconcile <command> [options]

Commands:
  run        run the checks, record every result, print the verdict
  validate   check the configuration and every check definition
  history    show past results from the results store
  daemon     run the schedules after each night's load, send alerts and the morning report
  report     send the morning report once (for cron, SQL Server Agent, Task Scheduler)
  incidents  list open incidents (or all with --all)
  outbox     show messages waiting to be sent or failed; retry or send them
  explain    write the control document (HTML or Markdown, Swedish or English)
  evidence   export the runs, results and missed nights of a period (JSON or CSV)
  serve      read-only dashboard, on 127.0.0.1 by default

Run "reconcile <command> --help" for a command's options.
Exit status: 0 all passed, 1 a difference was found, 2 a check could not run or results
could not be stored, 3 invalid configuration, 4 (run --wait-for-load) the load was late.`,
  run: `Usage: reconcile run [options]

Runs the check definitions, computing counts, aggregates and freshness inside each database,
records every result in the results store, and prints a table and a verdict.

Options:
${CONFIG_HELP}
  --check ID          run only this check (repeatable)
  --json              print one JSON document instead of the table
  --wait-for-load     first wait for the night's load, as the daemon does: poll the load query
                      of the schedule with a load section until it reports the night's load or
                      its deadline (counted from now) passes; runs that schedule's checks
  --schedule NAME     the schedule whose load to wait for, when several have one
  -h, --help          show this help

Exit status: 0 all passed, 1 some assertion failed, 2 some check could not run or the results
were spooled because the store was down (or stopped while waiting for the load), 3 invalid
configuration (nothing ran), 4 the load had not finished by the deadline (recorded as a failing
"load" result and alerted; no check ran).`,
  validate: `Usage: reconcile validate [options]

Validates the configuration and all check definitions and reports every problem as
file:line: field: message.

Options:
${CONFIG_HELP}
  --connect           also connect and check that every table and mapped column exists
                      with a type its assertions accept (reads catalogs only, scans no data),
                      and warn in red about a login that could write (a warning alone exits 0)
  -h, --help          show this help

Exit status: 0 valid, 2 a database could not be reached, 3 invalid.`,
  history: `Usage: reconcile history [options]

Shows past results from the results store, newest first.

Options:
${CONFIG_HELP}
  --check ID          only this check
  --days N            only the last N days
  --limit N           at most N results, newest first (default 50); says how many more there are
  --json              print JSON (an array of results; the note on more results goes to stderr)
  -h, --help          show this help`,
  daemon: `Usage: reconcile daemon [options]

Runs until SIGTERM or SIGINT. At each schedule's time (cron, in the configured time zone) it
claims the night in the results store, waits for the night's load (the schedule's load query),
runs the checks through the same path as "reconcile run", opens and resolves incidents, and
sends alerts, vendor tickets and the morning report, retrying the outbox every minute.
Two daemons against one PostgreSQL store never run one night twice.

On SIGTERM/SIGINT no further check is started; running queries finish or time out, and an
unfinished run is recorded as aborted. A second signal exits at once.

Options:
${CONFIG_HELP}
  -h, --help          show this help

Exit status: 0 stopped cleanly, 2 the results store could not be opened, 3 invalid configuration.`,
  report: `Usage: reconcile report [options]

Composes the morning report from the results store, as the daemon does at schedule.morning_report,
queues it in the outbox (once per local day: running it again the same day sends it no second
time) and sends what the outbox has due.

Options:
${CONFIG_HELP}
  -h, --help          show this help

Exit status: 0 sent, 2 the store could not be opened or a message could not be sent (it stays
in the outbox and is retried), 3 invalid configuration, no mail section or no report recipients.`,
  incidents: `Usage: reconcile incidents [options]

Lists incidents: a check's failing or erroring results since it last passed. Open ones by default.

Options:
${CONFIG_HELP}
  --all               also resolved incidents
  --check ID          only this check
  --json              print JSON
  -h, --help          show this help`,
  outbox: `Usage: reconcile outbox [options]

Shows messages that are pending (not yet accepted by the SMTP server) or failed (gave up after the
configured attempts). Every message is written here before it is sent.

Options:
${CONFIG_HELP}
  --all               also messages already sent
  --retry ID|all      put failed messages back in the queue
  --send              send what is due now
  --json              print JSON (without the message bodies)
  -h, --help          show this help

Exit status: 0 nothing failed, 2 a message failed for good or could not be sent now.`,
  explain: EXPLAIN_HELP,
  evidence: EVIDENCE_HELP,
  serve: SERVE_HELP,
}

const COMMON = {
  config: { type: 'string', short: 'c', default: DEFAULT_CONFIG_FILE },
  help: { type: 'boolean', short: 'h', default: false },
} as const

/**
 * Parses argv and runs a command; returns the exit status. The only place that reads argv. `signal` is aborted
 * on SIGTERM/SIGINT: a run stops taking up checks, the daemon stops cleanly.
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
  options: { signal?: AbortSignal } = {},
): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP.main ?? '')
    return command === undefined ? EXIT.invalid : EXIT.ok
  }
  if (command === '--version' || command === '-v') {
    io.out(VERSION)
    return EXIT.ok
  }
  try {
    switch (command) {
      case 'run': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            ...COMMON,
            check: { type: 'string', multiple: true },
            json: { type: 'boolean', default: false },
            'wait-for-load': { type: 'boolean', default: false },
            schedule: { type: 'string' },
          },
        })
        if (values.help) return help(io, 'run')
        const { exitCode } = await runCommand(
          {
            configFile: values.config,
            checkIds: values.check,
            json: values.json,
            signal: options.signal,
            waitForLoad: values.schedule ?? values['wait-for-load'],
          },
          io,
        )
        return exitCode
      }
      case 'validate': {
        const { values } = parseArgs({
          args: [...rest],
          options: { ...COMMON, connect: { type: 'boolean', default: false } },
        })
        if (values.help) return help(io, 'validate')
        return await validateCommand({ configFile: values.config, connect: values.connect }, io)
      }
      case 'history': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            ...COMMON,
            check: { type: 'string' },
            days: { type: 'string' },
            limit: { type: 'string' },
            json: { type: 'boolean', default: false },
          },
        })
        if (values.help) return help(io, 'history')
        const limit = values.limit === undefined ? undefined : Number(values.limit)
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
          io.err(`--limit: expected a whole number of results ≥ 1, got "${values.limit}"`)
          return EXIT.invalid
        }
        const days = values.days === undefined ? undefined : Number(values.days)
        if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
          io.err(`--days: expected a whole number of days ≥ 1, got "${values.days}"`)
          return EXIT.invalid
        }
        return await historyCommand(
          { configFile: values.config, check: values.check, days, limit, json: values.json },
          io,
        )
      }
      case 'daemon': {
        const { values } = parseArgs({ args: [...rest], options: { ...COMMON } })
        if (values.help) return help(io, 'daemon')
        return await daemonCommand({ configFile: values.config, signal: options.signal }, io)
      }
      case 'report': {
        const { values } = parseArgs({ args: [...rest], options: { ...COMMON } })
        if (values.help) return help(io, 'report')
        return await reportCommand({ configFile: values.config }, io)
      }
      case 'incidents': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            ...COMMON,
            all: { type: 'boolean', default: false },
            check: { type: 'string' },
            json: { type: 'boolean', default: false },
          },
        })
        if (values.help) return help(io, 'incidents')
        return await incidentsCommand(
          { configFile: values.config, all: values.all, check: values.check, json: values.json },
          io,
        )
      }
      case 'outbox': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            ...COMMON,
            all: { type: 'boolean', default: false },
            retry: { type: 'string' },
            send: { type: 'boolean', default: false },
            json: { type: 'boolean', default: false },
          },
        })
        if (values.help) return help(io, 'outbox')
        return await outboxCommand(
          {
            configFile: values.config,
            all: values.all,
            retry: values.retry,
            send: values.send,
            json: values.json,
          },
          io,
        )
      }
      case 'explain': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            ...COMMON,
            lang: { type: 'string' },
            format: { type: 'string', default: 'html' },
            out: { type: 'string', short: 'o' },
            check: { type: 'string', multiple: true },
            connect: { type: 'boolean', default: false },
          },
        })
        if (values.help) return help(io, 'explain')
        return await explainCommand(
          {
            configFile: values.config,
            lang: values.lang,
            format: values.format,
            out: values.out,
            checkIds: values.check,
            connect: values.connect,
          },
          io,
        )
      }
      case 'evidence': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            ...COMMON,
            from: { type: 'string' },
            to: { type: 'string' },
            format: { type: 'string', default: 'json' },
            out: { type: 'string', short: 'o' },
          },
        })
        if (values.help) return help(io, 'evidence')
        return await evidenceCommand(
          {
            configFile: values.config,
            from: values.from,
            to: values.to,
            format: values.format,
            out: values.out,
          },
          io,
        )
      }
      case 'serve': {
        const { values } = parseArgs({
          args: [...rest],
          options: { ...COMMON, host: { type: 'string' }, port: { type: 'string' } },
        })
        if (values.help) return help(io, 'serve')
        return await serveCommand({ configFile: values.config, host: values.host, port: values.port }, io)
      }
      default:
        io.err(`unknown command "${command}"; run "reconcile --help" for the commands`)
        return EXIT.invalid
    }
  } catch (error: unknown) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true) {
      io.err(`${describeError(error)}; run "reconcile ${command} --help" for the options`)
      return EXIT.invalid
    }
    throw error
  }
}

function help(io: CliIo, command: string): number {
  io.out(HELP[command] ?? '')
  return EXIT.ok
}
