import { randomUUID } from 'node:crypto'
import { unlinkSync } from 'node:fs'
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import { ReconcileError } from '../errors/errors.js'
import { formatDuration } from '../util/duration.js'
import { realSleep, type Sleep } from '../util/retry.js'

/** Who holds a PGlite store, as written in its lock file. */
export interface LockOwner {
  readonly pid: number
  readonly host: string
  /** When the lock was taken (ISO). */
  readonly since: string
  /** The command line of the holder, for messages (`bin.js run --config …`). */
  readonly command: string
  /** Distinguishes two takes of the lock by one process. */
  readonly token: string
}

/** How long to wait for a PGlite store held by another process before giving up (default 60 s). */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000
const POLL_MS = 100

/** The lock file of a PGlite store directory: beside it, `<dir>.lock`, so PGlite never sees it. */
export function lockFileOf(storeDir: string): string {
  return `${path.resolve(storeDir)}.lock`
}

/** Locks held by this process, removed on exit so that a clean `process.exit` leaves none behind. */
const held = new Set<string>()
let exitHookInstalled = false
function removeHeldOnExit(): void {
  for (const file of held) {
    try {
      unlinkSync(file)
    } catch {
      // Already gone (released or removed by hand): nothing to clean up.
    }
  }
}

/** Options of {@link acquireStoreLock}. */
export interface LockOptions {
  /** Give up after this long, in ms (default {@link DEFAULT_LOCK_TIMEOUT_MS}). */
  readonly timeoutMs?: number
  /** Whether a process of this host is alive (default: signal 0). */
  readonly isAlive?: (pid: number) => boolean
  readonly sleep?: Sleep
}

/** An exclusive lock on one PGlite store, held by this process until {@link StoreLock.release}. */
export class StoreLock {
  private released = false

  constructor(
    readonly file: string,
    readonly owner: LockOwner,
  ) {}

  /** Removes the lock file if it is still this lock's; safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    held.delete(this.file)
    const current = await readOwner(this.file)
    if (current?.token === this.owner.token) await unlink(this.file).catch(ignoreMissing)
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as { code?: string }).code !== 'ENOENT') throw error
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined
    return {
      pid: parsed.pid,
      host: parsed.host,
      since: String(parsed.since),
      command: String(parsed.command),
      token: String(parsed.token),
    }
  } catch (error: unknown) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined
    // A lock file torn by a crash between create and write: treated as held by nobody alive.
    return { pid: -1, host: hostname(), since: '', command: '', token: '' }
  }
}

/** A process id is alive when signal 0 can reach it (EPERM means it exists under another user). */
function pidAlive(pid: number): boolean {
  if (pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/** Describes the holder for a person: `reconcile run (pid 4242 on db01, since 2026-12-01T02:10:00Z)`. */
export function describeOwner(owner: LockOwner): string {
  return `"${owner.command}" (pid ${owner.pid} on ${owner.host}, since ${owner.since})`
}

/**
 * Takes the exclusive lock of a PGlite store: creates `<dir>.lock` with O_EXCL, holding this process's pid, host
 * and start time. PGlite is a single-process database: two processes that open one directory each keep their own
 * copy of the pages and overwrite each other's writes, so every opener of a PGlite store takes this lock first.
 * While another live process holds it, waits (polling) up to `timeoutMs`, then throws STORE_UNAVAILABLE naming
 * the holder. A lock left by a process of this host that no longer exists is stale and taken over.
 */
export async function acquireStoreLock(storeDir: string, options: LockOptions = {}): Promise<StoreLock> {
  const file = lockFileOf(storeDir)
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
  const isAlive = options.isAlive ?? pidAlive
  const sleep = options.sleep ?? realSleep
  const deadline = Date.now() + timeoutMs
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: process.argv
      .slice(1)
      .map((a, i) => (i === 0 ? path.basename(a) : a))
      .join(' '),
    token: randomUUID(),
  }
  await mkdir(path.dirname(file), { recursive: true })
  for (;;) {
    try {
      const handle = await open(file, 'wx', 0o600)
      try {
        await handle.writeFile(JSON.stringify(owner))
      } finally {
        await handle.close()
      }
      held.add(file)
      if (!exitHookInstalled) {
        exitHookInstalled = true
        process.once('exit', removeHeldOnExit)
      }
      return new StoreLock(file, owner)
    } catch (error: unknown) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    }
    const current = await readOwner(file)
    if (current === undefined) continue
    if (
      current.host === owner.host &&
      (current.pid === process.pid ? !held.has(file) : !isAlive(current.pid))
    ) {
      await removeStale(file, current)
      continue
    }
    if (Date.now() >= deadline) {
      throw new ReconcileError(
        'STORE_UNAVAILABLE',
        `the PGlite store at ${path.resolve(storeDir)} is in use by ${describeOwner(current)} and was not free within ${formatDuration(timeoutMs)}. ` +
          'A PGlite store serves one process at a time: wait for that process to finish, raise store.lock_timeout, or use a PostgreSQL store (store.url) for several processes. ' +
          `If that process no longer exists, delete ${file}.`,
      )
    }
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())))
  }
}

/**
 * Removes a stale lock without removing a fresh one taken meanwhile by another process: moves it aside under a
 * unique name, and puts it back if what was moved is not the stale lock that was read.
 */
async function removeStale(file: string, stale: LockOwner): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`
  try {
    await rename(file, aside)
  } catch (error: unknown) {
    ignoreMissing(error)
    return
  }
  const moved = await readOwner(aside)
  if (moved !== undefined && moved.token !== stale.token) {
    // Someone else's live lock: restore it unless a third process has created one since.
    await link(aside, file).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    })
  }
  await unlink(aside).catch(ignoreMissing)
}
