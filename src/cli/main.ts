import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js'
import { describeError } from '../errors/errors.js'
import { VERSION } from '../version.js'
import { historyCommand } from './commands/history.js'
import { runCommand } from './commands/run.js'
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

Run "reconcile <command> --help" for a command's options.
Exit status: 0 all passed, 1 a difference was found, 2 a check could not run or results
could not be stored, 3 invalid configuration.`,
  run: `Usage: reconcile run [options]

Runs the check definitions, computing counts, aggregates and freshness inside each database,
records every result in the results store, and prints a table and a verdict.

Options:
${CONFIG_HELP}
  --check ID          run only this check (repeatable)
  --json              print one JSON document instead of the table
  -h, --help          show this help

Exit status: 0 all passed, 1 some assertion failed, 2 some check could not run or the results
were spooled because the store was down, 3 invalid configuration (nothing ran).`,
  validate: `Usage: reconcile validate [options]

Validates the configuration and all check definitions and reports every problem as
file:line: field: message.

Options:
${CONFIG_HELP}
  --connect           also connect and check that every table and mapped column exists
                      with a type its assertions accept (reads catalogs only, scans no data)
  -h, --help          show this help

Exit status: 0 valid, 2 a database could not be reached, 3 invalid.`,
  history: `Usage: reconcile history [options]

Shows past results from the results store, newest first.

Options:
${CONFIG_HELP}
  --check ID          only this check
  --days N            only the last N days
  --json              print JSON
  -h, --help          show this help`,
}

const COMMON = {
  config: { type: 'string', short: 'c', default: DEFAULT_CONFIG_FILE },
  help: { type: 'boolean', short: 'h', default: false },
} as const

/** Parses argv and runs a command; returns the exit status. The only place that reads argv. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
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
          },
        })
        if (values.help) return help(io, 'run')
        const { exitCode } = await runCommand(
          { configFile: values.config, checkIds: values.check, json: values.json },
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
            json: { type: 'boolean', default: false },
          },
        })
        if (values.help) return help(io, 'history')
        const days = values.days === undefined ? undefined : Number(values.days)
        if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
          io.err(`--days: expected a whole number of days ≥ 1, got "${values.days}"`)
          return EXIT.invalid
        }
        return await historyCommand(
          { configFile: values.config, check: values.check, days, json: values.json },
          io,
        )
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
