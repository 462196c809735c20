/**
 * How an engine's SQL text splits into literals, quoted identifiers and comments: the facts a text guard needs to
 * know where a statement separator or a comment could hide. One lexicon per way an engine may read the text.
 */
export interface SqlLexicon {
  /** Name for messages, e.g. `PostgreSQL`. */
  readonly displayName: string
  /** `E'…'` strings, in which a backslash escapes the next character (PostgreSQL). */
  readonly escapeStrings: boolean
  /** A backslash escapes the next character in every `'…'` string (PostgreSQL with standard_conforming_strings off). */
  readonly backslashInStrings: boolean
  /** `$tag$ … $tag$` strings (PostgreSQL). */
  readonly dollarQuotes: boolean
  /** `[…]` quoted identifiers with `]]` as the escape (SQL Server). */
  readonly bracketIdentifiers: boolean
}

/** PostgreSQL as configured by default (standard_conforming_strings on). */
export const POSTGRES_LEXICON: SqlLexicon = {
  displayName: 'PostgreSQL',
  escapeStrings: true,
  backslashInStrings: false,
  dollarQuotes: true,
  bracketIdentifiers: false,
}

/** PostgreSQL with standard_conforming_strings off, where `'\''` is one string: a server may be set so. */
export const POSTGRES_BACKSLASH_LEXICON: SqlLexicon = {
  ...POSTGRES_LEXICON,
  displayName: 'PostgreSQL (standard_conforming_strings off)',
  backslashInStrings: true,
}

/** SQL Server (T-SQL): `'…'` with `''`, `"…"` and `[…]` identifiers, no backslash escapes. */
export const MSSQL_LEXICON: SqlLexicon = {
  displayName: 'SQL Server',
  escapeStrings: false,
  backslashInStrings: false,
  dollarQuotes: false,
  bracketIdentifiers: true,
}

/**
 * Every way a supported engine may read definition SQL. A definition does not say its engine at load time (its
 * connection does, in another file), so its SQL must be safe under each of them.
 */
export const ALL_LEXICONS: readonly SqlLexicon[] = [
  POSTGRES_LEXICON,
  POSTGRES_BACKSLASH_LEXICON,
  MSSQL_LEXICON,
]
