/** Where a command writes: injected so tests and the demo can capture output. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Whether ANSI colours may be used. */
  readonly color: boolean
}

/** The process's own streams; colour only on a terminal and never when NO_COLOR is set. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  }
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const

/** Wraps text in an ANSI style when colour is on. */
export function paint(io: CliIo, style: keyof typeof CODES, text: string): string {
  return io.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text
}
