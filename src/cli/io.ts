/** Where a command writes: injected so tests and the demo can capture output. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Whether ANSI colours may be used. */
  readonly color: boolean
}

/**
 * The process's own streams; colour only on a terminal and never when NO_COLOR is set. A stream whose reader went
 * away (EPIPE, as in `reconcile run | head -1`) is dropped quietly: what was printed is only a view of what is
 * stored, so the command carries on and exits with the status its outcome deserves.
 */
export function processIo(): CliIo {
  const write = tolerantWriter(process.stdout)
  const writeErr = tolerantWriter(process.stderr)
  return {
    out: (text) => write(`${text}\n`),
    err: (text) => writeErr(`${text}\n`),
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  }
}

/**
 * A writer for a process stream that survives a closed reader: EPIPE (and any later write error) marks the stream
 * closed instead of becoming an unhandled 'error' event, and later writes are skipped.
 */
export function tolerantWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false
  stream.on('error', () => {
    // The reader is gone (EPIPE) or the stream broke: there is nobody left to tell, so stop writing to it.
    closed = true
  })
  return (text) => {
    if (closed || stream.destroyed) return
    stream.write(text)
  }
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const

/** Wraps text in an ANSI style when colour is on. */
export function paint(io: CliIo, style: keyof typeof CODES, text: string): string {
  return io.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text
}
