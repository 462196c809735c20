import type { ColumnInfo, FieldEncoding, FieldKind, TypeFamily } from '../dialects/dialect.js'
import type { ColumnMapping } from '../definitions/types.js'
import { ReconcileError } from '../errors/errors.js'

/** Fraction digits of a number unless the column sets `scale` or both columns declare one. */
export const DEFAULT_SCALE = 10
/**
 * Fraction-of-second digits of a timestamp unless the column sets `precision` or the columns declare theirs: all
 * of SQL Server's seven.
 */
export const DEFAULT_PRECISION = 7

const NUMBERS: ReadonlySet<TypeFamily> = new Set(['integer', 'decimal', 'float'])

/**
 * The one field kind both sides of a mapped column are written as, from their type families: two integers as
 * `integer` and two floats as `float` (unless a `scale` is set), other numbers as `decimal`, a `date` with a
 * `timestamp` as a `timestamp`, a `uuid` with `text` as `text`; otherwise the families must be equal. Returns a
 * reason when the pair cannot be compared.
 */
export function fieldKindOf(
  source: TypeFamily,
  target: TypeFamily,
  scaleSet: boolean,
): FieldKind | { reason: string } {
  if (NUMBERS.has(source) && NUMBERS.has(target)) {
    if (!scaleSet && source === target && (source === 'integer' || source === 'float')) return source
    return 'decimal'
  }
  const pair = new Set([source, target])
  if (pair.size === 2 && pair.has('date') && pair.has('timestamp')) return 'timestamp'
  if (pair.size === 2 && pair.has('uuid') && pair.has('text')) return 'text'
  if (source === target) {
    switch (source) {
      case 'text':
      case 'date':
      case 'timestamp':
      case 'timestamptz':
      case 'boolean':
      case 'uuid':
      case 'binary':
        return source
      default:
        return {
          reason: 'the engine does not say what type it is; declare its "type" in "columns"',
        }
    }
  }
  if (pair.has('timestamptz') && (pair.has('timestamp') || pair.has('date'))) {
    return {
      reason:
        'one side has a time-zone offset and the other has not; convert one side in a "query" so both hold the same kind of time',
    }
  }
  return { reason: `a ${source} cannot be compared with a ${target}` }
}

/**
 * The scale two numbers are compared at when the column sets none: the larger declared scale of the two (an
 * integer declares 0; a float declares none and follows the other side), or the default when a decimal's scale is
 * unknown (a `numeric` without one, or a query's column on PostgreSQL), so that no declared digit is ever
 * rounded away.
 */
export function declaredScale(source: ColumnInfo, target: ColumnInfo): number {
  const scales: number[] = []
  for (const side of [source, target]) {
    if (side.family === 'integer') scales.push(0)
    else if (side.family === 'decimal') {
      if (side.scale === undefined) return DEFAULT_SCALE
      scales.push(side.scale)
    }
  }
  return scales.length === 0 ? DEFAULT_SCALE : Math.min(38, Math.max(...scales))
}

/**
 * The fraction digits two timestamps are compared at when the column sets none: the smaller declared precision of
 * the two timestamp columns (a copy cannot hold more than its own), at most 7; a date side declares none.
 */
export function declaredPrecision(source: ColumnInfo, target: ColumnInfo): number {
  const declared = [source, target]
    .filter((c) => c.family === 'timestamp' || c.family === 'timestamptz')
    .map((c) => c.fractionDigits ?? DEFAULT_PRECISION)
  return Math.min(DEFAULT_PRECISION, ...declared)
}

/**
 * The encoding of one mapped column for a checksum, from both sides' catalog descriptions and the column's
 * options. Throws PLAN_INVALID naming the column when the families do not match or an option does not apply.
 */
export function resolveFieldEncoding(
  column: ColumnMapping,
  sourceColumn: ColumnInfo,
  targetColumn: ColumnInfo,
): FieldEncoding {
  const options = column.canonical ?? {}
  const source = sourceColumn.family
  const target = targetColumn.family
  const kind = fieldKindOf(source, target, options.scale !== undefined)
  if (typeof kind !== 'string') {
    throw new ReconcileError(
      'PLAN_INVALID',
      `column "${column.name}" (${source} on the source, ${target} on the target) cannot be checksummed: ${kind.reason}`,
    )
  }
  const misplaced: string[] = []
  if (options.scale !== undefined && kind !== 'decimal') misplaced.push('scale')
  if (options.precision !== undefined && kind !== 'timestamp' && kind !== 'timestamptz')
    misplaced.push('precision')
  if (options.trimTrailingSpaces !== undefined && kind !== 'text') misplaced.push('trim_trailing_spaces')
  if (options.ignoreCase !== undefined && kind !== 'text') misplaced.push('ignore_case')
  if (options.rounding !== undefined && kind !== 'decimal' && kind !== 'timestamp' && kind !== 'timestamptz')
    misplaced.push('rounding')
  if (misplaced.length > 0) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `column "${column.name}" is compared as ${kind}, so ${misplaced.map((m) => `"${m}"`).join(' and ')} does not apply to it; remove it`,
    )
  }
  return {
    kind,
    scale: options.scale ?? declaredScale(sourceColumn, targetColumn),
    precision: options.precision ?? declaredPrecision(sourceColumn, targetColumn),
    rounding: options.rounding ?? 'round',
    trimTrailingSpaces: options.trimTrailingSpaces ?? false,
    ignoreCase: options.ignoreCase ?? false,
  }
}

/** An encoding of `kind` with every option at its default: what a column without options gets. */
export function defaultEncoding(kind: FieldKind): FieldEncoding {
  return {
    kind,
    scale: DEFAULT_SCALE,
    precision: DEFAULT_PRECISION,
    rounding: 'round',
    trimTrailingSpaces: false,
    ignoreCase: false,
  }
}
