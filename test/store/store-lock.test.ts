import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireStoreLock, lockFileOf } from '../../src/store/store-lock.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

describe('the PGlite store lock', () => {
  let dir: TempDir
  let store: string
  beforeEach(async () => {
    dir = await tempDir()
    store = path.join(dir.path, 'store')
  })
  afterEach(() => dir.remove())

  it('is exclusive: a second taker waits until the first releases', async () => {
    const first = await acquireStoreLock(store)
    const owner = JSON.parse(await readFile(lockFileOf(store), 'utf8')) as { pid: number; host: string }
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() })
    let secondTaken = false
    const second = acquireStoreLock(store, { timeoutMs: 10_000 }).then((lock) => {
      secondTaken = true
      return lock
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(secondTaken).toBe(false)
    await first.release()
    const lock = await second
    expect(secondTaken).toBe(true)
    await lock.release()
  })

  it('refuses after the timeout, naming the live holder and what to do', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      await writeFile(
        lockFileOf(store),
        JSON.stringify({
          pid: holder.pid,
          host: hostname(),
          since: '2026-12-01T02:00:00.000Z',
          command: 'bin.ts run',
          token: 'x',
        }),
      )
      await expect(acquireStoreLock(store, { timeoutMs: 300 })).rejects.toThrow(
        new RegExp(
          `in use by "bin\\.ts run" \\(pid ${holder.pid} on .*, since 2026-12-01T02:00:00\\.000Z\\) and was not free within .*use a PostgreSQL store \\(store\\.url\\) for several processes`,
        ),
      )
    } finally {
      holder.kill()
    }
  })

  it('takes over a lock left by a process that no longer exists', async () => {
    const gone = spawn(process.execPath, ['-e', ''])
    await once(gone, 'exit')
    await writeFile(
      lockFileOf(store),
      JSON.stringify({ pid: gone.pid, host: hostname(), since: 'then', command: 'crashed', token: 'old' }),
    )
    const lock = await acquireStoreLock(store, { timeoutMs: 1_000 })
    expect(JSON.parse(await readFile(lockFileOf(store), 'utf8'))).toMatchObject({ pid: process.pid })
    await lock.release()
    await expect(readFile(lockFileOf(store))).rejects.toThrow(/ENOENT/)
  })
})
