#!/usr/bin/env node
import { describeError } from '../errors/errors.js'
import { EXIT } from './exit-codes.js'
import { processIo } from './io.js'
import { main } from './main.js'

const io = processIo()

// The first SIGTERM/SIGINT asks for a clean stop (no new checks, the run recorded as aborted); a second one exits.
const stop = new AbortController()
for (const name of ['SIGTERM', 'SIGINT'] as const) {
  process.on(name, () => {
    if (stop.signal.aborted) process.exit(EXIT.error)
    io.err(`reconcile: ${name} received, stopping after the running queries`)
    stop.abort()
  })
}

main(process.argv.slice(2), io, { signal: stop.signal }).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    io.err(`reconcile: unexpected failure: ${describeError(error)}`)
    process.exitCode = EXIT.error
  },
)
