import type { ChecksumField } from './dialect.js'

/**
 * The structure of a row's canonical checksum text (docs/checksum.md), shared by both dialects and the TypeScript
 * reference: fields joined by `|;`, a NULL written as `|N`, a `|` inside text written `||`. Every `|` in a row's
 * text therefore starts one of three two-character tokens (`||`, `|;`, `|N`), which is why no two different rows
 * give the same text.
 */
export const FIELD_SEPARATOR = '|;'
/** A NULL value, in every field kind. */
export const NULL_MARKER = '|N'
/** The character doubled inside text. */
export const TEXT_ESCAPED = '|'

/**
 * Fields per concat call. PostgreSQL's `concat_ws` takes at most 100 arguments and SQL Server's `CONCAT_WS` 254;
 * each field is two arguments (its value and its NULL marker). Chunks are nested, which gives the same text: a
 * chunk is never NULL, and both engines skip only NULL arguments.
 */
const FIELDS_PER_CALL = 32

/** How one engine spells the two pieces of a row's text. */
export interface RowTextSpelling {
  /** `concat_ws` with the field separator over `args`, skipping NULL arguments. */
  concatWithSeparator(args: readonly string[]): string
  /** An expression that is the NULL marker when `column` is NULL, else NULL. */
  nullMarker(column: string): string
}

/**
 * The row text as nested separator-joins of each field's value and its NULL marker: exactly one of the two is
 * not NULL, so every field is written once, as its value or as `|N`.
 */
export function joinChecksumFields(fields: readonly ChecksumField[], spelling: RowTextSpelling): string {
  if (fields.length === 0) throw new RangeError('a row text needs at least one field')
  const args = (chunk: readonly ChecksumField[]) =>
    chunk.flatMap((f) => [f.value, spelling.nullMarker(f.column)])
  if (fields.length <= FIELDS_PER_CALL) return spelling.concatWithSeparator(args(fields))
  const chunks: string[] = []
  for (let i = 0; i < fields.length; i += FIELDS_PER_CALL) {
    chunks.push(spelling.concatWithSeparator(args(fields.slice(i, i + FIELDS_PER_CALL))))
  }
  // At most 50 chunks: PostgreSQL allows 1,600 columns in a table, SQL Server 1,024.
  return spelling.concatWithSeparator(chunks)
}
