import { catalog } from '../../i18n/language.js'
import type { FreshnessAssertion } from '../../definitions/types.js'
import { ReconcileError } from '../../errors/errors.js'
import { resultMessage } from '../../i18n/result-messages.js'
import { normalizeTimestampText } from '../../results/canonical.js'
import { isTemporal } from '../../plan/side-plan.js'
import { formatDuration } from '../../util/duration.js'
import { timestampToUtcMs } from '../../util/time-zone.js'
import { type CheckKind, textOf } from '../../plan/check-kind.js'
import { explainFreshness } from './explain.js'
import { describeFreshness, checkFirstFreshness } from './describe.js'
import { freshnessSyntax } from './syntax.js'

/**
 * How recent the newest row is: the target's newest value at most `max_age` before the run, and/or at most
 * `max_lag` behind the source's newest. Naive timestamps are read in the configured time zone.
 */
export const freshnessKind: CheckKind<FreshnessAssertion> = {
  ...freshnessSyntax,
  measures: 'lag',
  topic: (language) => catalog(language).kinds.freshness.topic,
  describe: describeFreshness,
  checkFirst: checkFirstFreshness,
  explain: explainFreshness,
  resultKeys: (a) => [a.key],
  profileItems(a, prefix, side) {
    const family = side.family(a.column)
    if (!isTemporal(family)) {
      throw new ReconcileError(
        'PLAN_INVALID',
        `freshness needs a date or timestamp column, but "${a.column[side.side]}" on the ${side.side} is ${family}`,
      )
    }
    return [
      { alias: `${prefix}_newest`, expr: side.dialect.canonicalText(`MAX(${side.expr(a.column)})`, family) },
    ]
  },
  evaluate(a, prefix, { source, target, now, cutoff, timezone }) {
    const read = (value: unknown) => {
      const text = textOf(value)
      return text === null ? null : normalizeTimestampText(text)
    }
    const sNewest = read(source.profile[`${prefix}_newest`])
    const tNewest = read(target.profile[`${prefix}_newest`])
    if (tNewest === null) {
      return [
        {
          assertion: a.key,
          status: 'fail',
          source: { newest: sNewest },
          target: { newest: null },
          difference: null,
          ...resultMessage('freshness.no_target_rows', { column: a.column.name }),
          message: `the target has no rows with a ${a.column.name}, so its freshness cannot be shown`,
          details: null,
        },
      ]
    }
    const tMs = timestampToUtcMs(tNewest, timezone)
    // Measured from the cutoff, a re-run of a past night or a late run judges the load itself.
    const fromCutoff = a.maxAgeFrom === 'cutoff' && cutoff !== null
    const ageMs = (fromCutoff ? timestampToUtcMs(cutoff, timezone) : now.getTime()) - tMs
    const old = fromCutoff ? 'old at the cutoff' : 'old'
    const lagMs = sNewest === null ? null : timestampToUtcMs(sNewest, timezone) - tMs
    const problems: string[] = []
    if (a.maxAgeMs !== undefined && ageMs > a.maxAgeMs) {
      problems.push(
        `newest target row is ${formatDuration(ageMs)} ${old} (allowed ${formatDuration(a.maxAgeMs)})`,
      )
    }
    if (a.maxLagMs !== undefined && lagMs !== null && lagMs > a.maxLagMs) {
      problems.push(
        `target is ${formatDuration(lagMs)} behind the source (allowed ${formatDuration(a.maxLagMs)})`,
      )
    }
    const summary = `newest target ${a.column.name} ${tNewest} (${formatDuration(ageMs)} ${old}${lagMs === null ? '' : `, ${formatDuration(lagMs)} behind the source`})`
    return [
      {
        assertion: a.key,
        status: problems.length === 0 ? 'pass' : 'fail',
        source: { newest: sNewest },
        target: { newest: tNewest, age_ms: String(ageMs) },
        difference: lagMs === null ? null : { absolute: String(-lagMs), percent: null },
        ...(problems.length === 0
          ? resultMessage('freshness.fresh', { column: a.column.name, ageMs, lagMs, fromCutoff })
          : resultMessage('freshness.stale', {
              column: a.column.name,
              ageMs,
              maxAgeMs: a.maxAgeMs !== undefined && ageMs > a.maxAgeMs ? a.maxAgeMs : null,
              lagMs,
              maxLagMs: a.maxLagMs !== undefined && lagMs !== null && lagMs > a.maxLagMs ? a.maxLagMs : null,
              fromCutoff,
            })),
        message: problems.length === 0 ? `fresh: ${summary}` : `stale: ${problems.join('; ')}`,
        details: null,
      },
    ]
  },
}
