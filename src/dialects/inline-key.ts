import type { SqlDialect, TypeFamily } from './dialect.js'

/**
 * A key value read from SQL text (a column of a late-change list) cast as the dialect's `keyParam` casts a bound
 * key: the same cast, with the expression in place of the placeholder.
 */
export function inlineKey(dialect: SqlDialect, expr: string, family: TypeFamily): string {
  return dialect
    .keyParam({ param: null }, family)
    .map((piece) => (typeof piece === 'string' ? piece : expr))
    .join('')
}
