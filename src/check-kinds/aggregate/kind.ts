import { catalog } from '../../i18n/language.js'
import { NUMERIC_FAMILIES } from '../../dialects/dialect.js'
import type { AggregateAssertion, AggregateFunction } from '../../definitions/types.js'
import { ReconcileError } from '../../errors/errors.js'
import { resultMessage, toleranceParams } from '../../i18n/result-messages.js'
import { bothNumeric, comparableText } from '../../results/canonical.js'
import type { SidePlan } from '../../plan/side-plan.js'
import { parseDecimal } from '../../util/decimal.js'
import { type AssertionPlace, type CheckKind, textOf, type Verdict } from '../../plan/check-kind.js'
import { compareWithTolerance, describeDifference, describeTolerance } from '../tolerance/tolerance.js'
import { explainAggregate } from './explain.js'
import { checkFirstAggregate } from './describe.js'
import { refuseShownExtremes } from './extremes.js'
import { aggregateSyntax } from './syntax.js'

/** The result name of one function of an aggregate assertion: `sum(fee)`, or `<name>.sum` when named. */
export function aggregateResultKey(a: AggregateAssertion, fn: AggregateFunction): string {
  return a.key === `aggregate(${a.column.name})` ? `${fn}(${a.column.name})` : `${a.key}.${fn}`
}

function expression(
  a: AggregateAssertion,
  fn: AggregateFunction,
  side: SidePlan,
  place: AssertionPlace,
): string {
  const d = side.dialect
  const expr = side.expr(a.column)
  const family = side.family(a.column)
  switch (fn) {
    case 'sum':
      if (!NUMERIC_FAMILIES.has(family)) {
        throw new ReconcileError(
          'PLAN_INVALID',
          `${place.file}: ${place.field}.functions: sum needs a numeric column, but column "${a.column[side.side]}" on the ${side.side} is ${family}; use min, max, null_count or distinct_count`,
        )
      }
      return d.sumAsText(expr)
    case 'min':
    case 'max':
      return d.canonicalText(`${fn.toUpperCase()}(${expr})`, family)
    case 'null_count':
      return `${d.countRows()} - ${d.countValues(expr)}`
    case 'distinct_count':
      return d.countDistinct(expr)
  }
}

/**
 * Sum, minimum, maximum, NULL count and distinct count of one mapped column, computed in each database. Minimum and
 * maximum show a row's value, so they are refused on columns that may identify a person (see `extremes.ts`).
 */
export const aggregateKind: CheckKind<AggregateAssertion> = {
  ...aggregateSyntax,
  explain: explainAggregate,
  measures: 'amount',
  topic: (language) => catalog(language).kinds.aggregate.topic,
  describe: () => ({}),
  checkFirst: checkFirstAggregate,
  resultKeys: (a) => a.functions.map((fn) => aggregateResultKey(a, fn)),
  profileItems(a, prefix, side, pair, place) {
    refuseShownExtremes(a, pair, place)
    return a.functions.map((fn) => ({ alias: `${prefix}_${fn}`, expr: expression(a, fn, side, place) }))
  },
  evaluate(a, prefix, { source, target }) {
    return a.functions.map((fn): Verdict => {
      const key = aggregateResultKey(a, fn)
      const sFamily = fn === 'min' || fn === 'max' ? source.plan.family(a.column) : 'decimal'
      const tFamily = fn === 'min' || fn === 'max' ? target.plan.family(a.column) : 'decimal'
      const s = comparableText(textOf(source.profile[`${prefix}_${fn}`]), sFamily, tFamily)
      const t = comparableText(textOf(target.profile[`${prefix}_${fn}`]), tFamily, sFamily)
      const observed = { source: { [fn]: s }, target: { [fn]: t } }
      const what = `${fn}(${a.column.name})`
      if (s === null || t === null) {
        const pass = s === t
        return {
          assertion: key,
          status: pass ? 'pass' : 'fail',
          ...observed,
          difference: null,
          ...(pass
            ? resultMessage('aggregate.empty', { function: fn, column: a.column.name })
            : resultMessage('aggregate.empty_on_one_side', {
                function: fn,
                column: a.column.name,
                emptySide: s === null ? 'source' : 'target',
              })),
          message: pass
            ? `${what} is empty on both sides`
            : `${what} is ${s ?? 'empty'} on the source but ${t ?? 'empty'} on the target`,
          details: null,
        }
      }
      const sNum = bothNumeric(sFamily, tFamily) ? parseDecimal(s) : undefined
      const tNum = bothNumeric(sFamily, tFamily) ? parseDecimal(t) : undefined
      if (sNum !== undefined && tNum !== undefined) {
        const { pass, difference } = compareWithTolerance(sNum, tNum, a.tolerance)
        return {
          assertion: key,
          status: pass ? 'pass' : 'fail',
          ...observed,
          difference,
          ...(pass
            ? resultMessage('aggregate.agrees', {
                function: fn,
                column: a.column.name,
                ...toleranceParams(a.tolerance),
              })
            : resultMessage('aggregate.differs', {
                function: fn,
                column: a.column.name,
                difference: difference.absolute,
                percent: difference.percent,
                ...toleranceParams(a.tolerance),
              })),
          message: pass
            ? `${what} agrees (${s}${s === t ? '' : ` vs ${t}`}, tolerance ${describeTolerance(a.tolerance)})`
            : `${what} differs by ${describeDifference(difference)}: source ${s}, target ${t}, tolerance ${describeTolerance(a.tolerance)}`,
          details: null,
        }
      }
      const pass = s === t
      return {
        assertion: key,
        status: pass ? 'pass' : 'fail',
        ...observed,
        difference: null,
        ...resultMessage(pass ? 'aggregate.equal' : 'aggregate.not_equal', {
          function: fn,
          column: a.column.name,
        }),
        message: pass ? `${what} agrees (${s})` : `${what} differs: source ${s}, target ${t}`,
        details: null,
      }
    })
  },
}
