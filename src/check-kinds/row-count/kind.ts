import { catalog } from '../../i18n/language.js'
import type { Statement } from '../../dialects/dialect.js'
import type { RowCountAssertion } from '../../definitions/types.js'
import { ReconcileError } from '../../errors/errors.js'
import { resultMessage, toleranceParams } from '../../i18n/result-messages.js'
import { comparableText } from '../../results/canonical.js'
import type { SidePlan } from '../../plan/side-plan.js'
import type { GroupDifference } from '../../results/types.js'
import { abs, compare, type Decimal, formatDecimal, parseDecimal, subtract } from '../../util/decimal.js'
import { type CheckKind, type Row, textOf } from '../../plan/check-kind.js'
import { compareWithTolerance, describeTolerance, groupThousands } from '../tolerance/tolerance.js'
import { explainRowCount } from './explain.js'
import { describeRowCount, checkFirstRowCount } from './describe.js'
import { rowCountSyntax } from './syntax.js'

/** Alias of the row count in every profile query. */
export const ROW_COUNT_ALIAS = 'row_count'

/** Grouped counts beyond this many groups are refused: a group_by that fine is almost certainly a mistake. */
export const MAX_GROUPS = 100_000

function count(value: unknown, what: string): Decimal {
  const parsed = parseDecimal(textOf(value) ?? '0')
  if (parsed === undefined)
    throw new ReconcileError('QUERY_FAILED', `${what} is not a number: ${String(value)}`)
  return parsed
}

const nf = new Intl.NumberFormat('en-US')
const fmt = (d: Decimal) => (d.scale === 0 ? nf.format(d.units) : formatDecimal(d))

function groupedQuery(assertion: RowCountAssertion, side: SidePlan): Statement {
  const keys = assertion.groupBy.map((g) => side.dialect.canonicalText(side.expr(g), side.family(g)))
  return [
    `SELECT ${keys.map((k, i) => `${k} AS g${i}`).join(', ')}, ${side.dialect.countRows()} AS n\n`,
    ...side.from,
    `\nGROUP BY ${keys.join(', ')}`,
  ]
}

interface GroupCounts {
  readonly group: Record<string, string | null>
  source: Decimal
  target: Decimal
}

function collectGroups(
  assertion: RowCountAssertion,
  source: SidePlan,
  sourceRows: readonly Row[],
  target: SidePlan,
  targetRows: readonly Row[],
): Map<string, GroupCounts> {
  const groups = new Map<string, GroupCounts>()
  const zero: Decimal = { units: 0n, scale: 0 }
  const add = (rows: readonly Row[], plan: SidePlan, other: SidePlan, side: 'source' | 'target') => {
    if (rows.length > MAX_GROUPS) {
      throw new ReconcileError(
        'PLAN_INVALID',
        `group_by gave more than ${MAX_GROUPS} groups on the ${side}; group by coarser columns (a day, a unit)`,
      )
    }
    for (const row of rows) {
      const group: Record<string, string | null> = {}
      assertion.groupBy.forEach((g, i) => {
        group[g.name] = comparableText(textOf(row[`g${i}`]), plan.family(g), other.family(g))
      })
      const key = JSON.stringify(assertion.groupBy.map((g) => group[g.name] ?? null))
      const entry = groups.get(key) ?? { group, source: zero, target: zero }
      entry[side] = count(row.n, 'a group count')
      groups.set(key, entry)
    }
  }
  add(sourceRows, source, target, 'source')
  add(targetRows, target, source, 'target')
  return groups
}

/** Row counts of both sides, as a whole or per group (e.g. per day and unit). */
export const rowCountKind: CheckKind<RowCountAssertion> = {
  ...rowCountSyntax,
  measures: 'rows',
  topic: (language) => catalog(language).kinds.rowCount.topic,
  describe: describeRowCount,
  checkFirst: checkFirstRowCount,
  explain: explainRowCount,
  resultKeys: (a) => [a.key],
  profileItems: () => [],
  ownQuery: (a, side) => (a.groupBy.length === 0 ? undefined : groupedQuery(a, side)),
  evaluate(a, _prefix, { source, target }) {
    const s = count(source.profile[ROW_COUNT_ALIAS], 'the source row count')
    const t = count(target.profile[ROW_COUNT_ALIAS], 'the target row count')
    const total = compareWithTolerance(s, t, a.tolerance)
    const tol = toleranceParams(a.tolerance)
    if (a.groupBy.length === 0) {
      return [
        {
          assertion: a.key,
          status: total.pass ? 'pass' : 'fail',
          source: { rows: formatDecimal(s) },
          target: { rows: formatDecimal(t) },
          difference: total.difference,
          ...(total.pass
            ? resultMessage('row_count.agree', { source: formatDecimal(s), target: formatDecimal(t), ...tol })
            : resultMessage(compare(t, s) < 0 ? 'row_count.rows_missing' : 'row_count.rows_extra', {
                source: formatDecimal(s),
                target: formatDecimal(t),
                rows: formatDecimal(abs(subtract(t, s))),
                percent: total.difference.percent,
                ...tol,
              })),
          message: total.pass
            ? `row counts agree (${fmt(s)} source, ${fmt(t)} target, tolerance ${describeTolerance(a.tolerance)})`
            : `target has ${groupThousands(formatDecimal(abs(subtract(t, s))))} ${compare(t, s) < 0 ? 'fewer' : 'more'} rows than the source (${fmt(s)} → ${fmt(t)}${total.difference.percent === null ? '' : `, ${compare(t, s) < 0 ? '−' : '+'}${total.difference.percent}%`}), tolerance ${describeTolerance(a.tolerance)}`,
          details: null,
        },
      ]
    }
    const groups = collectGroups(a, source.plan, source.extra ?? [], target.plan, target.extra ?? [])
    const differing: Array<GroupDifference & { size: Decimal }> = []
    // Summed per group, so 3 extra rows in one group never hide 47 missing in others (the net total would say 44).
    const zero: Decimal = { units: 0n, scale: 0 }
    let missing = zero
    let extra = zero
    for (const g of groups.values()) {
      const excess = subtract(g.target, g.source)
      if (compare(excess, zero) < 0) missing = subtract(missing, excess)
      else extra = subtract(extra, subtract(zero, excess))
      if (!compareWithTolerance(g.source, g.target, a.tolerance).pass) {
        differing.push({
          group: g.group,
          source: formatDecimal(g.source),
          target: formatDecimal(g.target),
          size: abs(subtract(g.target, g.source)),
        })
      }
    }
    differing.sort(
      (x, y) => compare(y.size, x.size) || JSON.stringify(x.group).localeCompare(JSON.stringify(y.group)),
    )
    const shown = differing.slice(0, a.maxGroupsReported).map(({ size: _size, ...rest }) => rest)
    const by = a.groupBy.map((g) => g.name).join(', ')
    const first = shown[0]
    const describeGroup = (g: GroupDifference) =>
      `${Object.entries(g.group)
        .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
        .join(', ')}: source ${g.source}, target ${g.target}`
    return [
      {
        assertion: a.key,
        status: differing.length === 0 ? 'pass' : 'fail',
        source: { rows: formatDecimal(s), groups: String(countSide(groups, 'source')) },
        target: { rows: formatDecimal(t), groups: String(countSide(groups, 'target')) },
        difference: total.difference,
        ...(first === undefined
          ? resultMessage('row_count.groups_agree', {
              groups: groups.size,
              groupBy: a.groupBy.map((g) => g.name),
              ...tol,
            })
          : resultMessage('row_count.groups_differ', {
              differing: differing.length,
              groups: groups.size,
              groupBy: a.groupBy.map((g) => g.name),
              ...tol,
            })),
        message:
          first === undefined
            ? `all ${nf.format(groups.size)} groups by ${by} agree (tolerance ${describeTolerance(a.tolerance)})`
            : `${nf.format(differing.length)} of ${nf.format(groups.size)} groups by ${by} differ; largest: ${describeGroup(first)}`,
        details: {
          groups: shown,
          groupsDiffering: differing.length,
          rowsMissing: formatDecimal(missing),
          rowsExtra: formatDecimal(extra),
        },
      },
    ]
  },
}

function countSide(groups: Map<string, GroupCounts>, side: 'source' | 'target'): number {
  let n = 0
  for (const g of groups.values()) if (g[side].units !== 0n) n += 1
  return n
}
