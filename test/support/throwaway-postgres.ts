/**
 * A second, throwaway PostgreSQL cluster of a test's own (scripts/test-postgres.sh), which the test may stop as
 * abruptly as a crash (`pg_ctl stop -m immediate`) and start again on the same data.
 */
import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/test-postgres.sh')

/** A running throwaway cluster. */
export interface ThrowawayPostgres {
  readonly url: string
  readonly dir: string
  /** Stops the server at once, as a crash would (synchronous, so a callback can pull the plug mid-run). */
  kill(): void
  /** Starts the server again on the same data. */
  restart(): void
  /** Stops the server and deletes its directory. */
  remove(): Promise<void>
}

/** Runs a cluster command as the cluster's owner: `postgres` when the tests run as root. */
function asOwner(dir: string, command: string, args: readonly string[]): void {
  const [file, all] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]]
  const done = spawnSync(file, all, { cwd: dir, encoding: 'utf8' })
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${done.stderr}`)
}

/** Starts a throwaway cluster (a few seconds: initdb and a server start). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const { stdout } = await promisify(execFile)(SCRIPT, ['start'])
  const value = (name: string) => new RegExp(`${name}='([^']+)'`).exec(stdout)?.[1]
  const dir = value('TEST_POSTGRES_DIR')
  const url = value('TEST_POSTGRES_URL')
  if (dir === undefined || url === undefined) throw new Error(`unexpected output of ${SCRIPT}: ${stdout}`)
  const pgCtl = path.join(readFileSync(path.join(dir, '.reconcile-test-postgres'), 'utf8').trim(), 'pg_ctl')
  const data = path.join(dir, 'data')
  return {
    url,
    dir,
    kill: () => asOwner(dir, pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']),
    restart: () => asOwner(dir, pgCtl, ['start', '-D', data, '-l', path.join(dir, 'server.log'), '-w']),
    remove: async () => {
      await promisify(execFile)(SCRIPT, ['stop', dir])
    },
  }
}
