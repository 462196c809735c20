import { NUMERIC_FAMILIES, TEMPORAL_FAMILIES, type TypeFamily } from '../../dialects/dialect.js'
import type { AggregateAssertion, AggregateFunction } from '../../definitions/types.js'
import { ReconcileError } from '../../errors/errors.js'
import type { AssertionPlace, PlanPair } from '../../plan/check-kind.js'
import type { SidePlan } from '../../plan/side-plan.js'

/**
 * Families whose smallest and largest values `min`/`max` show without a declaration: amounts and the times rows
 * were written or loaded. A fee of 1 250 kr or a load at 03:10 identifies no one, and these are the extremes a
 * transfer check needs. A `date` is left out because the dates of a patient's life (birth, death, a visit) are
 * dates; a `timestamp` records when software acted.
 */
export const EXTREMES_SHOWN_BY_DEFAULT: ReadonlySet<TypeFamily> = new Set([
  ...NUMERIC_FAMILIES,
  'timestamp',
  'timestamptz',
])

/** Families an engine can order and `min`/`max` can compare as canonical text. */
const ORDERED_FAMILIES: ReadonlySet<TypeFamily> = new Set([...NUMERIC_FAMILIES, ...TEMPORAL_FAMILIES, 'text'])

/** `date`, or `character varying (text)` when the catalog's type name is not the family's. */
function typeOf(side: SidePlan, a: AggregateAssertion): string {
  const info = side.info(a.column)
  return info.dataType === info.family ? info.family : `${info.dataType} (${info.family})`
}

/** `the source column "Fodelsedatum" is date`. */
function sideText(side: SidePlan, a: AggregateAssertion): string {
  return `the ${side.side} column "${a.column[side.side]}" is ${typeOf(side, a)}`
}

/** The functions among `functions` that show one row's value: min and max. */
export function extremesOf(functions: readonly AggregateFunction[]): AggregateFunction[] {
  return functions.filter((fn) => fn === 'min' || fn === 'max')
}

/**
 * Refuses `min`/`max` of an assertion at plan time, when the catalog has given both sides' types: on a column an
 * engine cannot order, and, unless the definition says `values_sensitive: false`, on any column whose family is
 * not in {@link EXTREMES_SHOWN_BY_DEFAULT} (text, dates), whose extreme value may be a patient's name or birth
 * date and would reach results, mail, tickets and the dashboard. Throws PLAN_INVALID naming the file, the field,
 * each offending column with its type, and the fix.
 */
export function refuseShownExtremes(a: AggregateAssertion, pair: PlanPair, place: AssertionPlace): void {
  const extremes = extremesOf(a.functions)
  if (extremes.length === 0) return
  const fns = extremes.join(' and ')
  const at = `${place.file}: ${place.field}.functions`
  const sides = [pair.source, pair.target]
  const unordered = sides.filter((s) => !ORDERED_FAMILIES.has(s.family(a.column)))
  if (unordered.length > 0) {
    throw new ReconcileError(
      'PLAN_INVALID',
      `${at}: ${fns} ${extremes.length === 1 ? 'needs' : 'need'} a number, date, timestamp or text column, but ${unordered.map((s) => sideText(s, a)).join(' and ')}; remove ${fns} (null_count and distinct_count work on any column)`,
    )
  }
  if (a.valuesSensitive === false) return
  const personal = sides.filter((s) => !EXTREMES_SHOWN_BY_DEFAULT.has(s.family(a.column)))
  if (personal.length === 0) return
  throw new ReconcileError(
    'PLAN_INVALID',
    `${at}: ${fns} of column "${a.column.name}" would show one row's value (a patient's name or birth date, say) in results, mail, tickets and the dashboard, because ${personal.map((s) => sideText(s, a)).join(' and ')}; only numbers and timestamps are shown without a declaration. Remove ${fns} (null_count and distinct_count show no value), or, if the column's values identify no one (e.g. a care unit code or a load date), set values_sensitive: false on ${place.field}`,
  )
}
