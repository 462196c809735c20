import type { Catalog } from './catalog.js'
import { code, codeList, joinList } from './phrase-helpers.js'

/** English, for readers outside the region and the vendor. */
export const en: Catalog = {
  tag: 'en-GB',
  name: 'English',
  units: {
    d: ['day', 'days'],
    h: ['hour', 'hours'],
    m: ['minute', 'minutes'],
    s: ['second', 'seconds'],
  },
  shortUnits: { d: 'd', h: 'h', m: 'm', s: 's' },
  shortUnitSpaced: false,
  and: 'and',

  // Mail, vendor ticket, webhook text and morning report.
  notify: {},

  // The dashboard.
  web: {},

  // The control document.
  document: {},

  // Check kinds.
  kinds: {
    tolerance: {
      rows: ['row', 'rows'],
      percentOfSource: (percent) => `${percent} % of the source value`,
      sentence: (absolute, percent) =>
        absolute === undefined && percent === undefined
          ? 'must be exactly equal on both sides (no difference allowed)'
          : `may differ by at most ${[absolute, percent].filter((x) => x !== undefined).join(' or ')}`,
      exact: 'exact',
    },
    rowCount: {
      rows: ['row', 'rows'],
      missing: (rows) => `${rows} missing in the target`,
      extra: (rows) => `${rows} extra in the target`,
      missingAndExtra: (missing, extra) => `${missing} missing and ${extra} extra in the target`,
      groupsDiffer: (n, of) => `${n} of ${of} groups differ`,
      atLeast: (text) => `at least ${text}`,
      checkUngrouped:
        "Check the load log first: did the night's load of this table finish, and did it read every row up to the cutoff? Missing rows point at a skipped partition or step; extra rows at a load that ran twice.",
      checkGroups: (by) =>
        `Check the groups below first (by ${by}): where a whole group is missing in the target, look for the load or partition that should have carried that day or unit; extra rows in a group point at a load that ran twice or a row moved between groups.`,
      rowCount: (tolerance) => [{ strong: 'Row count' }, `: the number of rows ${tolerance}.`],
      rowCountGrouped: (columns, tolerance, reported) => [
        { strong: `Row count per ${joinList(columns, 'and')}` },
        `: for every combination of ${joinList(columns, 'and')}, the number of rows ${tolerance}. A result lists at most ${reported} differing groups with their counts, never individual rows.`,
      ],
      rowsShort: 'rows',
      rowsByShort: (columns) => `rows per ${columns}`,
    },
    aggregate: {
      checkFirst: {
        nulls:
          'Check first whether the load fills the column: more empty values in the target point at a lookup or join in the load that finds no match.',
        values:
          'Check first whether the row count differs too (then rows are missing, not values); otherwise how the load transforms the column: rounding, unit, currency or a changed condition.',
      },
      functions: {
        sum: 'the sum',
        min: 'the smallest value',
        max: 'the largest value',
        null_count: 'the number of rows without a value',
        distinct_count: 'the number of distinct values',
      },
      sentence: (functions, column, tolerance) => [
        { strong: `Aggregates of ${column}` },
        `: ${joinList(functions, 'and')} of `,
        code(column),
        ` ${tolerance}. Each measure is a result of its own.`,
      ],
    },
    freshness: {
      behind: (d) => `${d} behind the source`,
      ahead: (d) => `${d} ahead of the source`,
      oldestAllowed: (age) => `newest row is ${age} old`,
      checkFirst:
        "Check the load log first: did the night's load run, and did it finish? A load that stopped or skipped the table leaves the target's newest row old.",
      sentence: (column, maxAge, maxLag, fromCutoff) => [
        { strong: `Freshness of ${column}` },
        ': the newest ',
        code(column),
        ' in the reporting copy may be ',
        [
          maxAge === undefined
            ? undefined
            : `at most ${maxAge} old ${fromCutoff ? "at the load's cutoff (so a late or repeated run judges the load itself)" : 'when the check runs'}`,
          maxLag === undefined ? undefined : `at most ${maxLag} behind the newest in the source`,
        ]
          .filter((x) => x !== undefined)
          .join(' and '),
        '.',
      ],
      short: (column, maxAge, maxLag) =>
        `freshness ${column}: ${[
          maxAge === undefined ? undefined : `≤ ${maxAge} old`,
          maxLag === undefined ? undefined : `≤ ${maxLag} behind`,
        ]
          .filter((x) => x !== undefined)
          .join(', ')}`,
    },
    checksum: {
      rows: ['row', 'rows'],
      rowsChanged: ['row changed', 'rows changed'],
      rowsDiffer: (c) =>
        c === null
          ? 'values differ'
          : `${c.changed}, ${c.missing} missing and ${c.extra} extra in the target`,
      columnsDiffer: (columns) => `differing in ${columns.map((c) => `${c.column} (${c.rows})`).join(', ')}`,
      locateIncomplete: (by) =>
        `incomplete: the ${by === 'time' ? 'time' : 'row'} budget ran out, at least this many`,
      notLocated: 'values differ; the rows were not located',
      checkMissing:
        'Check the load log first for the run or partition that should have carried the missing rows; look the keys below up with the same masking (reconcile locate) to see which.',
      checkChanged: (columns) =>
        `Check first how ${columns} is carried over: a changed transformation, rounding, character encoding or time zone in the load gives the same number of rows but other values.`,
      checkUnlocated:
        'The rows were not located: run reconcile locate for the check to get counts and masked keys, or turn locate on in the definition.',
      settings: {
        scale: (n) => `${n} decimals`,
        precision: (n) => `${n} digits of the second`,
        truncate: 'truncated, not rounded',
        trim: 'trailing spaces ignored',
        ignoreCase: 'A–Z equal to a–z',
      },
      covers: (columns, left, mapped) =>
        left.length === 0
          ? [{ strong: "Checksum over all the definition's columns" }, ' (', ...codeList(columns, 'and'), ')']
          : [
              { strong: `Checksum over ${columns.length} of the definition's ${mapped} columns` },
              ' (',
              ...codeList(columns, 'and'),
              '). It does not cover ',
              ...codeList(left, 'and'),
              ': a change in ',
              left.length === 1 ? 'that column' : 'those columns',
              ' alone is not found by this checksum',
            ],
      sentence: (columns, locate, maxKeys, keySensitive, settings) => [
        '. For every row, the values of ',
        ...codeList(columns, 'and'),
        ' are turned into a hash inside each database, and the hashes of all rows are summed. The sums must be equal on both sides, so that even a single changed value in these columns is found. ',
        'Numbers are compared at the larger number of decimals the two columns declare, timestamps at the smaller declared fraction of a second (rounded, as the engines round when they store fewer digits), floats bit for bit and other values exactly',
        ...(settings.length === 0 ? ['. '] : ['; set per column: ', ...settings, '. ']),
        locate
          ? `On a difference the differing rows are located by key and counted as missing, extra or changed, with the columns each changed row differs in (names and counts, never values); a result lists at most ${maxKeys} keys${keySensitive ? ', masked (never in clear)' : ''}.`
          : 'A difference is reported as a whole, without locating rows.',
      ],
      short: (columns, mapped) =>
        columns === mapped
          ? `checksum (all ${mapped} columns): exact`
          : `checksum (${columns} of ${mapped} columns): exact`,
    },
  },

  // Result messages by code.
  results: {
    rows: ['row', 'rows'],
    columns: ['column', 'columns'],
    percent: (p) => `${p}%`,
    exact: 'exact',
    or: ' or ',
    checksumBase: (p, f) =>
      p.sourceRows === p.targetRows
        ? `values differ: both sides have ${f.rows(p.sourceRows)}, but the checksums over ${f.columns(p.columns)} differ`
        : `rows differ: source ${f.rows(p.sourceRows)}, target ${f.rows(p.targetRows)}; checksums over ${f.columns(p.columns)} differ`,
    notLocated: {
      locate_off: () => 'locating is off for this assertion ("locate: false")',
      no_key: () => 'the definition has no "key"',
      key_type: (k) => `key column ${k ?? ''} has a type that cannot be located on`,
      failed: () => 'locating failed',
    },
    messages: {
      'row_count.agree': (p, f) =>
        `row counts agree (${f.num(p.source)} source, ${f.num(p.target)} target, tolerance ${f.tolerance(p)})`,
      'row_count.rows_missing': (p, f) =>
        `target has ${f.num(p.rows)} fewer rows than the source (${f.num(p.source)} → ${f.num(p.target)}${p.percent === null ? '' : `, -${f.percent(p.percent)}`}), tolerance ${f.tolerance(p)}`,
      'row_count.rows_extra': (p, f) =>
        `target has ${f.num(p.rows)} more rows than the source (${f.num(p.source)} → ${f.num(p.target)}${p.percent === null ? '' : `, +${f.percent(p.percent)}`}), tolerance ${f.tolerance(p)}`,
      'row_count.groups_agree': (p, f) =>
        `all ${f.count(p.groups)} groups by ${f.list(p.groupBy)} agree (tolerance ${f.tolerance(p)})`,
      'row_count.groups_differ': (p, f) =>
        `${f.count(p.differing)} of ${f.count(p.groups)} groups by ${f.list(p.groupBy)} differ (tolerance ${f.tolerance(p)})`,
      'aggregate.empty': (p) => `${p.function}(${p.column}) is empty on both sides`,
      'aggregate.empty_on_one_side': (p) =>
        p.emptySide === 'target'
          ? `${p.function}(${p.column}) is empty on the target but not on the source`
          : `${p.function}(${p.column}) is empty on the source but not on the target`,
      'aggregate.agrees': (p, f) => `${p.function}(${p.column}) agrees (tolerance ${f.tolerance(p)})`,
      'aggregate.differs': (p, f) =>
        `${p.function}(${p.column}) differs by ${f.signed(p.difference)}${p.percent === null ? '' : ` (${f.percent(p.percent)})`}, tolerance ${f.tolerance(p)}`,
      'aggregate.equal': (p) => `${p.function}(${p.column}) agrees`,
      'aggregate.not_equal': (p) => `${p.function}(${p.column}) differs between source and target`,
      'freshness.no_target_rows': (p) =>
        `the target has no rows with a ${p.column}, so its freshness cannot be shown`,
      'freshness.fresh': (p, f) =>
        `fresh: newest target ${p.column} is ${f.duration(p.ageMs)} old${p.fromCutoff ? ' at the cutoff' : ''}${p.lagMs === null ? '' : `, ${f.duration(p.lagMs)} behind the source`}`,
      'freshness.stale': (p, f) =>
        `stale: ${[
          ...(p.maxAgeMs === null
            ? []
            : [
                `newest target row is ${f.duration(p.ageMs)} old${p.fromCutoff ? ' at the cutoff' : ''} (allowed ${f.duration(p.maxAgeMs)})`,
              ]),
          ...(p.maxLagMs === null || p.lagMs === null
            ? []
            : [`target is ${f.duration(p.lagMs)} behind the source (allowed ${f.duration(p.maxLagMs)})`]),
        ].join('; ')}`,
      'checksum.agree': (p, f) =>
        `every value agrees: ${f.rows(p.sourceRows)} on both sides, same checksum over ${f.columns(p.columns)}`,
      'checksum.values_differ': (p, f) => en.results.checksumBase(p, f),
      'checksum.rows_differ': (p, f) => en.results.checksumBase(p, f),
      'checksum.rows_located': (p, f) => {
        const parts = [
          `${f.count(p.missing)} missing in the target`,
          `${f.count(p.extra)} extra in the target${p.extraMayBeLate && p.extra > 0 ? ' (may have been deleted in the source after the load)' : ''}`,
          `${f.count(p.changed)} changed`,
          ...(p.duplicateKeys > 0 ? [f.countOf(p.duplicateKeys, ['duplicate key', 'duplicate keys'])] : []),
        ]
        const differing = p.differingColumns.map((c, i) => `${c} in ${f.rows(p.differingRows[i] ?? 0)}`)
        const stopped =
          p.stoppedBy === 'time' ? 'the time budget (max_locate_time)' : 'the row budget (max_rows_fetched)'
        return `${en.results.checksumBase(p, f)}; ${p.complete ? 'located' : 'located so far'} ${parts.join(', ')}${differing.length === 0 ? '' : ` (differing: ${differing.join(', ')})`}${p.complete ? '' : `; incomplete, stopped by ${stopped}: ${f.rows(p.unlocatedSourceRows)} source and ${f.rows(p.unlocatedTargetRows)} target left unexamined, so these counts are lower bounds`}`
      },
      'checksum.not_located': (p, f) =>
        `${en.results.checksumBase(p, f)}; the differing rows were not located: ${en.results.notLocated[p.reason](p.keyColumn)}`,
      'check.could_not_run': (p) => `could not run (${p.errorCode})`,
    },
  },
}
