import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderRun } from '../../src/cli/render.js'
import type { MssqlConnectionConfig } from '../../src/config/types.js'
import { guardedConnection, tediousConfig } from '../../src/dialects/mssql/mssql-engine.js'
import { describeError } from '../../src/errors/errors.js'
import { executeRun } from '../../src/runner/run.js'
import { ResultsStore } from '../../src/store/results-store.js'
import { captureIo } from '../support/capture-io.js'
import { definitionsIn, noSleep, pgliteStore, testConfig } from '../support/fixtures.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/** A "SQL Server" on loopback that accepts each connection, reads the client's first packet and drops it. */
async function droppingServer(): Promise<{
  port: number
  accepted: () => number
  close: () => Promise<void>
}> {
  let accepted = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    accepted += 1
    sockets.add(socket)
    socket.on('error', () => sockets.delete(socket))
    socket.once('data', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

const mssql = (name: string, port: number): MssqlConnectionConfig => ({
  name,
  dialect: 'mssql',
  host: '127.0.0.1',
  port,
  database: 'Cosmic',
  user: 'reconcile',
  password: 'secret-password',
  encrypt: false,
  trustServerCertificate: true,
  isolation: 'read_committed',
  readOnlyIntent: false,
  statementTimeoutMs: 10_000,
  maxConcurrentQueries: 1,
  retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
})

const CHECK = `id: visits
title: visits
description: dropped connection test
owner: tests
severity: low
source: { connection: src, table: dbo.visit }
target: { connection: dw, table: dbo.visit }
columns: [id]
assertions:
  - kind: row_count
  - kind: aggregate
    column: id
    functions: [sum, max]
`

describe('describeError names each cause once', () => {
  it('drops a cause whose text the outer message already holds', () => {
    const inner = new Error('connect ECONNREFUSED 127.0.0.1:1')
    const outer = new Error('Failed to connect to 127.0.0.1:1 - connect ECONNREFUSED 127.0.0.1:1', {
      cause: inner,
    })
    expect(describeError(outer)).toBe('Failed to connect to 127.0.0.1:1 - connect ECONNREFUSED 127.0.0.1:1')
    expect(
      describeError(new Error('connect ECONNREFUSED h:1', { cause: new Error('connect ECONNREFUSED h:1') })),
    ).toBe('connect ECONNREFUSED h:1')
  })

  it('keeps the longer text when an outer message is part of its cause', () => {
    const error = new Error('socket hang up', { cause: new Error('Connection lost - socket hang up') })
    expect(describeError(error)).toBe('Connection lost - socket hang up')
  })

  it('lists the members of an AggregateError without a message of its own, each once', () => {
    const error = new AggregateError(
      [new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')],
      '',
    )
    expect(describeError(new Error('store down', { cause: error }))).toBe(
      'store down: connect ECONNREFUSED ::1:5432: connect ECONNREFUSED 127.0.0.1:5432',
    )
  })
})

describe('a SQL Server connection that is dropped', () => {
  let dir: TempDir
  let server: Awaited<ReturnType<typeof droppingServer>>
  beforeAll(async () => {
    dir = await tempDir()
    server = await droppingServer()
  })
  afterAll(async () => {
    await server?.close()
    await dir?.remove()
  })

  it('has listeners for error and end, so a dropped socket is never an unhandled error event', () => {
    const connection = guardedConnection(tediousConfig(mssql('src', server.port)))
    expect(connection.listenerCount('error')).toBe(1)
    expect(connection.listenerCount('end')).toBe(1)
    expect(() => connection.emit('error', new Error('read ECONNRESET'))).not.toThrow()
  })

  it('becomes one error result per assertion, retried, recorded, and shown as one line for the check', async () => {
    await dir.write('checks/visits.yaml', CHECK)
    const definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
    const config = testConfig({
      connections: [mssql('src', server.port), mssql('dw', server.port)],
      store: pgliteStore(`${dir.path}/store`),
    })
    const run = await executeRun({ config, definitions, trigger: 'test', sleep: noSleep })
    expect(run.results.map((r) => r.status)).toEqual(['error', 'error', 'error'])
    expect(run.results[0]?.error?.code).toBe('CONNECTION_UNREACHABLE')
    // Retried per the policy: two attempts, each a new connection the server dropped.
    expect(server.accepted()).toBeGreaterThanOrEqual(2)
    const message = run.results[0]?.message ?? ''
    expect(message).toMatch(
      /connection "(src|dw)" \(SQL Server 127\.0\.0\.1:\d+\/Cosmic\) is unreachable after 2 attempts/,
    )
    // Every reason in the message once: no "x: x" and no reason repeated inside another.
    const reasons = message.replace(/^.*? is unreachable after 2 attempts over [^:]*: /, '').split(': ')
    reasons.forEach((a, i) => reasons.forEach((b, j) => expect(i === j || !b.includes(a)).toBe(true)))

    expect(run.stored).toBe(true)
    const store = await ResultsStore.open(config.store)
    try {
      const stored = await store.resultsOfRun(run.runId)
      expect(stored.map((r) => [r.check, r.status])).toEqual([
        ['visits', 'error'],
        ['visits', 'error'],
        ['visits', 'error'],
      ])
    } finally {
      await store.close()
    }

    const io = captureIo()
    const lines = renderRun(io, run, config.timezone)
    const errorLines = lines.filter((l) => /^ {2}ERROR /.test(l))
    expect(errorLines).toEqual(['  ERROR visits · 3 assertions'])
    expect(lines.filter((l) => l.includes(message))).toHaveLength(1)
    // PGlite opens the store slowly on a busy machine.
  }, 180_000)
})
