/**
 * Lays out SQL for reading without changing a single token: only whitespace at the start of lines changes.
 * Lines inside parentheses opened at the end of a line (a derived table, a lateral list) are indented by two
 * spaces per level, blank lines and trailing whitespace are removed, and tabs become two spaces. Quoted text is never touched, so
 * the result is the same statement the server received.
 */
export function formatSql(sql: string): string {
  const lines = sql.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n')
  const out: string[] = []
  let depth = 0
  for (const line of lines) {
    const text = line.trimEnd()
    const trimmed = text.trimStart()
    if (trimmed === '') continue
    const closes = trimmed.startsWith(')') ? 1 : 0
    const level = Math.max(0, depth - closes)
    // The statement's own indentation (an aligned select list, a user's query) is kept, under the nesting level.
    out.push(`${'  '.repeat(level)}${text}`)
    depth += balance(trimmed)
  }
  return out.join('\n')
}

/** Opened minus closed parentheses outside quotes and comments. */
function balance(line: string): number {
  let n = 0
  let quote: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote !== null) {
      if (c === quote) quote = null
      continue
    }
    if (c === "'" || c === '"' || c === '[') {
      quote = c === '[' ? ']' : c
      continue
    }
    if (c === '-' && line[i + 1] === '-') break
    if (c === '(') n++
    else if (c === ')') n--
  }
  return n
}

/** Table names a query reads, in order of appearance, from its FROM and JOIN clauses (for plain-language text). */
export function tablesOfQuery(query: string): string[] {
  const found: string[] = []
  for (const match of query.matchAll(/\b(?:FROM|JOIN)\s+((?:[[\]"\w]+\.)*[[\]"\w]+)/gi)) {
    const name = (match[1] ?? '').replace(/[[\]"]/g, '')
    if (name !== '' && !found.includes(name)) found.push(name)
  }
  return found
}
