import type { CliIo } from '../../src/cli/io.js'

/** A CLI io that keeps what a command printed, without colour. */
export function captureIo(): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = []
  const err: string[] = []
  return {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    color: false,
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  }
}
