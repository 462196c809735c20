import type { Config } from '../../config/types.js'
import { ConnectionSet } from '../../connections/connection.js'
import type { CheckDefinition } from '../../definitions/types.js'
import { describeError, ReconcileError } from '../../errors/errors.js'
import { prepareCheck } from '../../runner/run-check.js'
import { EXIT } from '../exit-codes.js'
import { type CliIo, paint } from '../io.js'
import { loadAll, printIssues } from '../load.js'
import { printPrivileges } from './validate-privileges.js'
import { countOf } from '../../i18n/format.js'

/** Options of `reconcile validate`. */
export interface ValidateOptions {
  readonly configFile: string
  /**
   * Also connect and check that every table and mapped column exists with a usable type, and that each login can only
   * read.
   */
  readonly connect?: boolean
}

/**
 * `reconcile validate`: checks the configuration and every definition. With `--connect` it also prepares each
 * check against the databases (cutoff query, catalog lookups) without scanning any data, and warns about every login
 * that could do more than read.
 */
export async function validateCommand(options: ValidateOptions, io: CliIo): Promise<number> {
  const loaded = await loadAll(options.configFile)
  if (!loaded.ok) {
    printIssues(io, loaded.issues)
    return EXIT.invalid
  }
  const { config, definitions } = loaded
  io.out(
    `Configuration ${config.file} and ${countOf(definitions.length, 'en', ['check definition', 'check definitions'])} in ${config.checksDir} are valid.`,
  )
  for (const warning of silentAlertWarnings(config, definitions))
    io.out(paint(io, 'yellow', `WARNING: ${warning}`))
  if (options.connect !== true) return EXIT.ok
  const connections = new ConnectionSet(config.connections)
  let invalid = 0
  let unreachable = 0
  try {
    for (const definition of definitions) {
      try {
        await prepareCheck(definition, {
          runId: 'validate',
          connections,
          timezone: config.timezone,
          now: () => new Date(),
        })
        io.out(`  ${paint(io, 'green', 'OK')}     ${definition.id}`)
      } catch (error: unknown) {
        const isPlan = error instanceof ReconcileError && error.code === 'PLAN_INVALID'
        if (isPlan) invalid += 1
        else unreachable += 1
        io.out(
          `  ${paint(io, isPlan ? 'red' : 'yellow', isPlan ? 'INVALID' : 'ERROR')}  ${definition.id} (${definition.file}): ${describeError(error)}`,
        )
      }
    }
    unreachable += await printPrivileges(io, definitions, config, connections)
  } finally {
    await connections.close()
  }
  if (invalid > 0) return EXIT.invalid
  return unreachable > 0 ? EXIT.error : EXIT.ok
}

/**
 * Why alerts would go nowhere, one sentence each, naming the file and the field to set: checks (or a scheduled
 * load wait) can fail, but there is no mail section (no SMTP server or .eml directory), or nobody receives alerts.
 * Empty when alerts reach someone, or when nothing can fail.
 */
export function silentAlertWarnings(config: Config, definitions: readonly CheckDefinition[]): string[] {
  const canFail = definitions.length > 0 || config.schedule.runs.some((r) => r.load !== undefined)
  if (!canFail) return []
  if (config.mail === undefined) {
    return [
      `${config.file} has no mail section: failures are recorded but no alert is sent. Set mail.from, mail.smtp (or mail.eml_dir) and mail.recipients.alerts.`,
    ]
  }
  const { alerts, vendor } = config.mail.recipients
  const silent = definitions.filter(
    (d) => d.notify.recipients.length === 0 && !(d.notify.vendor && vendor.length > 0),
  )
  const loadSilent = config.schedule.runs.some(
    (r) => r.load !== undefined && !(r.load.notifyVendor && vendor.length > 0),
  )
  if (alerts.length > 0 || (silent.length === 0 && !loadSilent)) return []
  const who = [...silent.map((d) => d.id), ...(loadSilent ? ['the load wait'] : [])]
  return [
    `${config.file}: mail.recipients.alerts is empty, so failures of ${who.join(', ')} alert nobody. Set mail.recipients.alerts.`,
  ]
}
