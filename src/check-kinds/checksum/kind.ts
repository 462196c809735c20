import { catalog } from '../../i18n/language.js'
import { resolveFieldEncoding } from '../../checksum/encoding.js'
import {
  classifyKeys,
  type LocateKey,
  type LocateOutcome,
  type LocateSide,
  locateDifferences,
} from '../../checksum/locate.js'
import type { FieldEncoding, TypeFamily } from '../../dialects/dialect.js'
import type { ChecksumAssertion, ColumnMapping } from '../../definitions/types.js'
import { describeError, ReconcileError } from '../../errors/errors.js'
import { type NotLocatedReason, resultMessage } from '../../i18n/result-messages.js'
import type { SidePlan } from '../../plan/side-plan.js'
import type { ChecksumDetails, RowCategory } from '../../results/types.js'
import { parseDecimal } from '../../util/decimal.js'
import {
  type CheckKind,
  type FollowUpContext,
  type PlanPair,
  textOf,
  type Verdict,
} from '../../plan/check-kind.js'
import { ROW_COUNT_ALIAS } from '../row-count/kind.js'
import { compareWithTolerance } from '../tolerance/tolerance.js'
import { explainChecksum } from './explain.js'
import { describeChecksum, checkFirstChecksum } from './describe.js'
import { checksumSyntax } from './syntax.js'

const nf = new Intl.NumberFormat('en-US')
/** Key families whose values order the same on every engine, so segments can be compared. */
const LOCATABLE_KEYS: ReadonlySet<TypeFamily> = new Set([
  'integer',
  'decimal',
  'text',
  'date',
  'timestamp',
  'timestamptz',
  'uuid',
])

/** The encoding of each column, from both sides' families. Throws PLAN_INVALID naming a column that does not fit. */
export function encodingsOf(columns: readonly ColumnMapping[], pair: PlanPair): FieldEncoding[] {
  return columns.map((c) => resolveFieldEncoding(c, pair.source.info(c), pair.target.info(c)))
}

/** SQL of the canonical row text of `columns` on one side. */
export function rowTextSql(
  columns: readonly ColumnMapping[],
  encodings: readonly FieldEncoding[],
  side: SidePlan,
): string {
  const d = side.dialect
  return d.checksumRowText(
    columns.map((c, i) => ({
      value: d.checksumField(side.expr(c), side.info(c), encodings[i] as FieldEncoding),
      column: side.expr(c),
    })),
  )
}

function count(value: unknown): bigint {
  const text = textOf(value) ?? '0'
  if (!/^\d+$/.test(text)) throw new ReconcileError('QUERY_FAILED', `a row count is not a number: ${text}`)
  return BigInt(text)
}

function checksumOf(value: unknown): string {
  const text = textOf(value) ?? '0'
  const parsed = parseDecimal(text)
  if (parsed === undefined) throw new ReconcileError('QUERY_FAILED', 'a checksum is not a number')
  return parsed.units.toString()
}

function observed(rows: bigint, checksum: string) {
  return { rows: rows.toString(), checksum }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${nf.format(n)} ${n === 1 ? one : many}`
}

function baseDetails(a: ChecksumAssertion): ChecksumDetails {
  return { columns: a.columns.map((c) => c.name), located: false }
}

/** Keys to show, `max` in all, taken in turn from each category (changed, missing, extra, duplicate). */
function samples(
  keys: ReturnType<typeof classifyKeys>['keys'],
  max: number,
  show: (key: string) => string,
): Array<{ category: RowCategory; key: string }> {
  const out: Array<{ category: RowCategory; key: string }> = []
  const categories = ['changed', 'missing', 'extra', 'duplicate'] as const
  const longest = Math.max(...categories.map((c) => keys[c].length))
  for (let i = 0; i < longest; i++) {
    for (const category of categories) {
      const key = keys[category][i]
      if (key === undefined) continue
      if (out.length >= max) return out
      out.push({ category, key: show(key) })
    }
  }
  return out
}

function locateSide(
  side: SidePlan,
  a: ChecksumAssertion,
  key: readonly ColumnMapping[],
  pair: PlanPair,
  rows: bigint,
): LocateSide {
  const encodings = encodingsOf(a.columns, pair)
  const keys: LocateKey[] = key.map((k) => ({ expr: side.expr(k), family: side.family(k) }))
  return {
    plan: side,
    keys,
    rowHash: side.dialect.rowHash(rowTextSql(a.columns, encodings, side)),
    columnHashes: a.columns.map((c, i) =>
      side.dialect.rowHash(rowTextSql([c], [encodings[i] as FieldEncoding], side)),
    ),
    keyText: rowTextSql(key, encodingsOf(key, pair), side),
    rows,
  }
}

/** "fee in 5 rows, note in 3": the changed rows per column, most first. */
function describeColumns(columns: ReadonlyArray<{ column: string; rows: number }>): string {
  return [...columns]
    .sort((x, y) => y.rows - x.rows)
    .map((c) => `${c.column} in ${plural(c.rows, 'row')}`)
    .join(', ')
}

function describeLocated(
  outcome: LocateOutcome,
  cls: ReturnType<typeof classifyKeys>,
  columns: ReadonlyArray<{ column: string; rows: number }>,
  lateByKey: boolean,
): string {
  // A row deleted in the source after the load leaves no key to read as a late change: say so, not just "extra".
  const extra = lateByKey && cls.extra > 0 ? ' (may have been deleted in the source after the load)' : ''
  const parts = [
    `${nf.format(cls.missing)} missing in the target`,
    `${nf.format(cls.extra)} extra in the target${extra}`,
    `${nf.format(cls.changed)} changed`,
  ]
  if (cls.duplicateKeys > 0) parts.push(plural(cls.duplicateKeys, 'duplicate key'))
  const differing = columns.length === 0 ? '' : ` (differing: ${describeColumns(columns)})`
  const why =
    outcome.stoppedBy === 'time' ? 'the time budget (max_locate_time)' : 'the row budget (max_rows_fetched)'
  const unlocated = outcome.complete
    ? ''
    : `; incomplete, stopped by ${why}: ${nf.format(outcome.unlocated.sourceRows)} source and ${nf.format(outcome.unlocated.targetRows)} target rows in ${plural(outcome.unlocated.segments, 'segment')} left unexamined, so these counts are lower bounds`
  const fetched = outcome.segmentRowsFetched + outcome.keyRowsFetched
  return `${outcome.complete ? 'located' : 'located so far'} ${parts.join(', ')}${differing}${unlocated} (${plural(outcome.queries, 'query', 'queries')}, ${plural(fetched, 'row')} fetched, no values)`
}

async function locate(a: ChecksumAssertion, verdict: Verdict, context: FollowUpContext): Promise<Verdict> {
  const { definition } = context
  const details: ChecksumDetails = verdict.details?.checksum ?? baseDetails(a)
  const base = {
    sourceRows: Number(verdict.source?.rows ?? '0'),
    targetRows: Number(verdict.target?.rows ?? '0'),
    columns: a.columns.length,
  }
  const note = (why: string, reason: NotLocatedReason, keyColumn: string | null = null): Verdict => ({
    ...verdict,
    ...resultMessage('checksum.not_located', { ...base, reason, keyColumn }),
    message: `${verdict.message}; the differing rows were not located: ${why}`,
    details: { ...verdict.details, checksum: { ...details, note: why } },
  })
  if (!a.locate) return note('locating is off for this assertion ("locate: false")', 'locate_off')
  if (definition.key.length === 0) return note('the definition has no "key"', 'no_key')
  const pair: PlanPair = { source: context.source.plan, target: context.target.plan }
  const badKey = definition.key.find(
    (k) => !LOCATABLE_KEYS.has(pair.source.family(k)) || !LOCATABLE_KEYS.has(pair.target.family(k)),
  )
  if (badKey !== undefined) {
    return note(
      `key column "${badKey.name}" is ${pair.source.family(badKey)}/${pair.target.family(badKey)}; keys must be integers, decimals, text, dates, timestamps or uuids`,
      'key_type',
      badKey.name,
    )
  }
  const started = performance.now()
  try {
    const masker = context.keyMasker()
    const rows = (side: 'source' | 'target') => BigInt(verdict[side]?.rows ?? '0')
    const sum = (side: 'source' | 'target') => verdict[side]?.checksum ?? '0'
    const outcome = await locateDifferences(
      locateSide(pair.source, a, definition.key, pair, rows('source')),
      locateSide(pair.target, a, definition.key, pair, rows('target')),
      {
        segmentRows: a.segmentRows,
        maxRowsFetched: a.maxRowsFetched,
        maxDurationMs: a.maxLocateMs,
        now: () => context.clock(),
      },
      {
        source: { rows: rows('source'), sum: sum('source') },
        target: { rows: rows('target'), sum: sum('target') },
      },
    )
    const cls = classifyKeys(outcome.source, outcome.target)
    const columnsDiffering = a.columns.flatMap((c, i) => {
      const n = cls.columnsDiffering[i] ?? 0
      return n === 0 ? [] : [{ column: c.name, rows: n }]
    })
    const sensitive = definition.keySensitive
    const shown = samples(cls.keys, a.maxKeysReported, (k) => masker.show(k, sensitive))
    const examples =
      shown.length === 0
        ? ''
        : `; e.g. ${shown
            .slice(0, 3)
            .map((s) => `${s.category} ${s.key}`)
            .join(', ')}`
    const secretNote =
      sensitive && masker.ephemeral
        ? ' (keys masked with a secret made up for this run; set RECONCILE_KEY_SECRET to compare masked keys across runs)'
        : ''
    const byRows = [...columnsDiffering].sort((x, y) => y.rows - x.rows)
    return {
      ...verdict,
      ...resultMessage('checksum.rows_located', {
        ...base,
        missing: cls.missing,
        extra: cls.extra,
        changed: cls.changed,
        duplicateKeys: cls.duplicateKeys,
        differingColumns: byRows.map((c) => c.column),
        differingRows: byRows.map((c) => c.rows),
        extraMayBeLate: definition.lateChanges?.method === 'keys',
        complete: outcome.complete,
        stoppedBy: outcome.stoppedBy ?? null,
        unlocatedSourceRows: outcome.unlocated.sourceRows,
        unlocatedTargetRows: outcome.unlocated.targetRows,
      }),
      message: `${verdict.message}; ${describeLocated(outcome, cls, columnsDiffering, definition.lateChanges?.method === 'keys')}${examples}${secretNote}`,
      details: {
        ...verdict.details,
        checksum: {
          ...details,
          located: true,
          missing: cls.missing,
          extra: cls.extra,
          changed: cls.changed,
          duplicateKeys: cls.duplicateKeys,
          columnsDiffering,
          samples: shown,
          keysMasked: sensitive,
          ephemeralSecret: sensitive && masker.ephemeral,
          complete: outcome.complete,
          ...(outcome.complete
            ? {}
            : {
                incomplete: true,
                ...(outcome.stoppedBy === undefined ? {} : { stoppedBy: outcome.stoppedBy }),
              }),
          unlocated: outcome.unlocated,
          strategy: outcome.strategy,
          bucketing: outcome.bucketing,
          scans: outcome.scans,
          queries: outcome.queries,
          segmentRowsFetched: outcome.segmentRowsFetched,
          keyRowsFetched: outcome.keyRowsFetched,
          segmentsCompared: outcome.segmentsCompared,
          durationMs: Math.round(performance.now() - started),
        },
      },
    }
  } catch (error: unknown) {
    return note(describeError(error), 'failed')
  }
}

/**
 * Every value of every row: each side computes, in the same scan as the other assertions, its row count and the
 * exact sum of a 60-bit MD5 slice of every row's canonical text (docs/checksum.md). Equal counts and sums pass.
 * A difference is then located by buckets of the key (src/checksum/locate.ts), and the rows reported as missing, extra or changed, by key
 * (masked unless the definition marks keys non-sensitive), never by value.
 */
export const checksumKind: CheckKind<ChecksumAssertion> = {
  ...checksumSyntax,
  measures: 'values',
  topic: (language) => catalog(language).kinds.checksum.topic,
  describe: describeChecksum,
  checkFirst: checkFirstChecksum,
  explain: explainChecksum,
  resultKeys: (a) => [a.key],
  profileItems(a, prefix, side, pair) {
    const rowText = rowTextSql(a.columns, encodingsOf(a.columns, pair), side)
    return [{ alias: `${prefix}_sum`, expr: side.dialect.sumRowHashes(side.dialect.rowHash(rowText)) }]
  },
  evaluate(a, prefix, { source, target }) {
    const sRows = count(source.profile[ROW_COUNT_ALIAS])
    const tRows = count(target.profile[ROW_COUNT_ALIAS])
    const sSum = checksumOf(source.profile[`${prefix}_sum`])
    const tSum = checksumOf(target.profile[`${prefix}_sum`])
    const pass = sRows === tRows && sSum === tSum
    const { difference } = compareWithTolerance({ units: sRows, scale: 0 }, { units: tRows, scale: 0 }, {})
    const columns = plural(a.columns.length, 'column')
    return [
      {
        assertion: a.key,
        status: pass ? 'pass' : 'fail',
        source: observed(sRows, sSum),
        target: observed(tRows, tSum),
        difference,
        ...resultMessage(
          pass ? 'checksum.agree' : sRows === tRows ? 'checksum.values_differ' : 'checksum.rows_differ',
          {
            sourceRows: Number(sRows),
            targetRows: Number(tRows),
            columns: a.columns.length,
          },
        ),
        message: pass
          ? `every value agrees: ${plural(Number(sRows), 'row')} on both sides, same checksum over ${columns}`
          : sRows === tRows
            ? `values differ: both sides have ${plural(Number(sRows), 'row')}, but the checksums over ${columns} differ`
            : `rows differ: source ${plural(Number(sRows), 'row')}, target ${plural(Number(tRows), 'row')}; checksums over ${columns} differ`,
        details: { checksum: baseDetails(a) },
      },
    ]
  },
  followUp: (a, _prefix, verdict, context) => locate(a, verdict, context),
}
