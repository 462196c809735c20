import type pg from 'pg'

/**
 * Keeps a lost connection from crashing the process. pg emits 'error' on a client whose server went away (a
 * terminated backend, a restarted server): on the pool while the client is idle, and on the client itself while
 * it is checked out, where the pool no longer listens. An 'error' event without a listener is thrown by Node as
 * an uncaught exception, so both get one. The query running on that client fails on its own ("Connection
 * terminated unexpectedly") and becomes a retried `error` result; the pool discards the broken client.
 */
export function listenForPoolErrors(pool: pg.Pool): void {
  const ignore = (): void => {
    // The failure reaches the caller through the query it broke; the event itself carries nothing more.
  }
  pool.on('error', ignore)
  pool.on('connect', (client) => {
    client.on('error', ignore)
  })
}
