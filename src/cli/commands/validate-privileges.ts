import type { Config } from '../../config/types.js'
import type { ConnectionSet } from '../../connections/connection.js'
import { checkAllPrivileges } from '../../connections/privileges.js'
import type { CheckDefinition } from '../../definitions/types.js'
import { describeError } from '../../errors/errors.js'
import { type CliIo, paint } from '../io.js'
import { countOf } from '../../i18n/format.js'

/**
 * The privilege part of `validate --connect`: for every connection the checks (and load waits) use, a red WARNING
 * line per thing its login could do beyond reading, naming the login, the privilege and the statement that
 * removes it; a green OK when it can only read; a NOTE for embedded PGlite, which has no logins. A warning does not
 * change the exit status; a connection whose privileges could not be read counts as an error, as an unreachable
 * check does. Returns the number of such errors.
 */
export async function printPrivileges(
  io: CliIo,
  definitions: readonly CheckDefinition[],
  config: Pick<Config, 'schedule'>,
  connections: ConnectionSet,
): Promise<number> {
  const outcomes = await checkAllPrivileges(definitions, config, connections)
  if (outcomes.length === 0) return 0
  io.out('Privileges of the logins (each should only read):')
  let errors = 0
  for (const outcome of outcomes) {
    const name = outcome.connection
    switch (outcome.status) {
      case 'not_applicable':
        io.out(
          `  ${paint(io, 'dim', 'NOTE')}     ${name}: ${outcome.target} is embedded; logins and privileges do not apply`,
        )
        break
      case 'error':
        errors += 1
        io.out(
          `  ${paint(io, 'yellow', 'ERROR')}    ${name}: could not read the login's privileges: ${describeError(outcome.error)}`,
        )
        break
      case 'checked': {
        const { login, excess } = outcome.privileges
        if (excess.length === 0) {
          io.out(
            `  ${paint(io, 'green', 'OK')}       ${name}: login ${login} can only read (${countOf(outcome.tables, 'en', ['checked table', 'checked tables'])})`,
          )
        }
        for (const e of excess) {
          io.out(
            `  ${paint(io, 'red', 'WARNING')}  ${name}: login ${login} has ${e.privilege}, more than reading; fix: ${e.fix}`,
          )
        }
        break
      }
    }
  }
  return errors
}
