import type { z } from 'zod'
import { ALL_LEXICONS, type SqlLexicon } from './lexicon.js'

/**
 * The SQL text guard: the SQL a definition or the configuration writes (`where`, `query`, cutoff and load queries)
 * is spliced into the statements this tool runs, so it must never be able to end, escape or add to them. The
 * guard tokenizes the text as every supported engine would read it (string literals with their escapes, quoted
 * identifiers, dollar quotes, comments) and refuses, outside literals and quoted identifiers:
 *
 * - a `;` (a statement separator),
 * - any comment (`--`, `/* *\/`): one could hide a separator or the rest of a statement, and a reader cannot audit
 *   what it hides; explain SQL in the definition's description or a YAML `#` comment instead,
 * - an unbalanced parenthesis (a `)` could close the tool's own parenthesis around a filter),
 * - a word that changes data, schema, privileges, transactions or session state (`INSERT`, `DROP`, `COMMIT`,
 *   `INTO`, `SET`, `EXEC`, …), quoted identifiers excepted,
 * - for a `where`: words that would add clauses to the tool's statement (`UNION`, `ORDER BY`, `GROUP BY`, `LIMIT`,
 *   …) outside parentheses, so that it stays one expression,
 * - for a query: anything but one `SELECT` (or `WITH … SELECT`).
 *
 * Defence in depth: PostgreSQL statements go through the extended protocol, which refuses a second statement
 * anyway, and every statement runs in a read-only transaction.
 */

/** What the text is used as: a filter expression or a whole query. */
export type SqlRole = 'where' | 'query'

type TokenKind = 'word' | 'literal' | 'symbol'

interface Token {
  readonly kind: TokenKind
  /** Upper-cased for words, the character for symbols, empty for literals. */
  readonly text: string
  /** Offset in the text, for messages. */
  readonly offset: number
}

/** A refused text: why, and where in the text. */
interface Problem {
  readonly message: string
  readonly offset: number
}

/** Words that change data, schema, privileges, transactions or the session: refused anywhere. */
const STATEMENT_WORDS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'DROP',
  'ALTER',
  'CREATE',
  'TRUNCATE',
  'GRANT',
  'REVOKE',
  'DENY',
  'EXEC',
  'EXECUTE',
  'CALL',
  'COPY',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'BEGIN',
  'SET',
  'RESET',
  'INTO',
  'USE',
  'DECLARE',
  'VACUUM',
  'REINDEX',
  'CLUSTER',
  'LISTEN',
  'NOTIFY',
  'PREPARE',
  'DEALLOCATE',
  'DISCARD',
  'SHUTDOWN',
  'KILL',
  'DBCC',
  'BACKUP',
  'RESTORE',
  'RECONFIGURE',
  'OPENROWSET',
  'OPENQUERY',
  'OPENDATASOURCE',
  'WAITFOR',
])

/** Words that would add a clause or a statement after a filter: refused outside parentheses in `where`. */
const CLAUSE_WORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WINDOW',
  'FOR',
  'OPTION',
  'WITH',
  'RETURNING',
  'TOP',
  'JOIN',
])

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$#@\u0080-\uffff]/
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/

/** Splits `text` into words, literals and symbols as `lexicon` reads it; a comment or an open literal is a problem. */
function tokenize(text: string, lexicon: SqlLexicon): { tokens: Token[] } | { problem: Problem } {
  const tokens: Token[] = []
  const unterminated = (what: string, offset: number): { problem: Problem } => ({
    problem: { offset, message: `${what} is not closed (as ${lexicon.displayName} reads it)` },
  })
  // Reads a quoted run from `start` (the opening quote) to its closing `close`, where a doubled `close` and (when
  // `backslash`) a backslash escape it; returns the offset after the closing quote, or -1.
  const quoted = (start: number, close: string, backslash: boolean): number => {
    let i = start + 1
    while (i < text.length) {
      const c = text[i]
      if (backslash && c === '\\') i += 2
      else if (c === close && text[i + 1] === close) i += 2
      else if (c === close) return i + 1
      else i += 1
    }
    return -1
  }
  let i = 0
  while (i < text.length) {
    const c = text[i] ?? ''
    const next = text[i + 1]
    if (/\s/.test(c)) {
      i += 1
    } else if ((c === '-' && next === '-') || (c === '/' && next === '*')) {
      return {
        problem: {
          offset: i,
          message:
            'comments are not allowed in SQL here (one could hide the rest of a statement); explain the SQL in the description or in a YAML comment (# …) above it',
        },
      }
    } else if (c === "'") {
      const end = quoted(i, "'", lexicon.backslashInStrings)
      if (end < 0) return unterminated('a string literal', i)
      tokens.push({ kind: 'literal', text: '', offset: i })
      i = end
    } else if (c === '"' || (c === '[' && lexicon.bracketIdentifiers)) {
      const end = quoted(i, c === '"' ? '"' : ']', false)
      if (end < 0) return unterminated('a quoted identifier', i)
      tokens.push({ kind: 'literal', text: '', offset: i })
      i = end
    } else if (c === '$' && lexicon.dollarQuotes && DOLLAR_TAG.test(text.slice(i, i + 64))) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 64))?.[0] ?? '$$'
      const close = text.indexOf(tag, i + tag.length)
      if (close < 0) return unterminated(`a dollar-quoted string ${tag}`, i)
      tokens.push({ kind: 'literal', text: '', offset: i })
      i = close + tag.length
    } else if (WORD_START.test(c)) {
      let end = i + 1
      while (end < text.length && WORD_PART.test(text[end] ?? '')) end += 1
      const word = text.slice(i, end).toUpperCase()
      if (word === 'E' && text[end] === "'" && lexicon.escapeStrings) {
        const close = quoted(end, "'", true)
        if (close < 0) return unterminated("an escape string E'…'", i)
        tokens.push({ kind: 'literal', text: '', offset: i })
        i = close
      } else {
        tokens.push({ kind: 'word', text: word, offset: i })
        i = end
      }
    } else {
      tokens.push({ kind: 'symbol', text: c, offset: i })
      i += 1
    }
  }
  return { tokens }
}

function checkTokens(tokens: readonly Token[], role: SqlRole): Problem | undefined {
  let depth = 0
  for (const token of tokens) {
    if (token.kind === 'symbol') {
      if (token.text === ';') {
        return {
          offset: token.offset,
          message:
            'a ";" would end the statement; remove it (one query is run as written, and a filter can never add a statement)',
        }
      }
      if (token.text === '(') depth += 1
      if (token.text === ')') depth -= 1
      if (depth < 0) {
        return {
          offset: token.offset,
          message: 'this ")" closes a parenthesis that was never opened; balance the parentheses',
        }
      }
    } else if (token.kind === 'word') {
      if (STATEMENT_WORDS.has(token.text)) {
        return {
          offset: token.offset,
          message: `"${token.text}" is not allowed: checks only read, and this SQL must not change data, schema, transactions or session settings (quote the name if it is a column, e.g. "${token.text.toLowerCase()}")`,
        }
      }
      if (role === 'where' && depth === 0 && CLAUSE_WORDS.has(token.text)) {
        return {
          offset: token.offset,
          message: `"${token.text}" would add a clause to the statement; "where" is one condition such as "status = 'active' AND deleted = 0" (a subquery goes inside parentheses)`,
        }
      }
    }
  }
  if (depth > 0) {
    const last = tokens.at(-1)
    return {
      offset: last?.offset ?? 0,
      message: `${depth} parenthes${depth === 1 ? 'is is' : 'es are'} not closed; balance the parentheses`,
    }
  }
  if (role === 'query') {
    const first = tokens.find((t) => !(t.kind === 'symbol' && t.text === '('))
    if (first === undefined || first.kind !== 'word' || (first.text !== 'SELECT' && first.text !== 'WITH')) {
      return {
        offset: first?.offset ?? 0,
        message: 'a query must be one SELECT statement, e.g. "SELECT MAX(finished_at) FROM etl.load_log"',
      }
    }
  }
  return undefined
}

/** Line and column (1-based) of `offset` in `text`. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`
}

/**
 * Checks SQL text from a definition or the configuration. Returns what is wrong (with the position in the text
 * and how to fix it), or `undefined` when the text is safe under every supported engine's reading of it.
 */
export function checkSqlText(text: string, role: SqlRole): string | undefined {
  for (const lexicon of ALL_LEXICONS) {
    const read = tokenize(text, lexicon)
    const problem = 'problem' in read ? read.problem : checkTokens(read.tokens, role)
    if (problem !== undefined) {
      const where = ` (at ${position(text, problem.offset)} of the SQL)`
      return `${problem.message}${where}`
    }
  }
  return undefined
}

/** A zod refinement that refuses unsafe SQL text with {@link checkSqlText}'s message. */
export function sqlRefinement(role: SqlRole): (text: string, ctx: z.RefinementCtx) => void {
  return (text, ctx) => {
    const problem = checkSqlText(text, role)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  }
}
