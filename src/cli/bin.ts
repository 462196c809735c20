#!/usr/bin/env node
import { describeError } from '../errors/errors.js'
import { EXIT } from './exit-codes.js'
import { processIo } from './io.js'
import { main } from './main.js'

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`reconcile: unexpected failure: ${describeError(error)}\n`)
    process.exitCode = EXIT.error
  },
)
