import type { PGlite } from '@electric-sql/pglite'
import { addDays } from './local-time.js'
import type { InjectedFault } from './scenario.js'
import type { SeedContext } from './seed-rows.js'
import { date, literal, timestamp } from './sql-pieces.js'
import type { DemoUnit } from './units.js'

/** Days before the cutoff of the unit-day whose visits go missing. */
const MISSING_DAY_OFFSET = 5
/** Days before the cutoff of the day whose fees lose their öre. */
const TRUNCATED_DAY_OFFSET = 2
/** Nights since the referrals last loaded. */
const STALE_DAYS = 3
/** Days before the cutoff of the day whose patient change times shift an hour. */
const SHIFTED_DAY_OFFSET = 9

function formatKronor(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** Breaks the reporting copy in five ways a real load could, and describes each. */
export async function injectFaults(db: PGlite, c: SeedContext, unit: DemoUnit): Promise<InjectedFault[]> {
  const missingDay = addDays(c.cutoffDate, -MISSING_DAY_OFFSET)
  const missing = await db.query(
    `DELETE FROM ci.fact_visit AS f USING ci.dim_unit AS d
     WHERE f.unit_key = d.unit_key AND d.unit_code = ${literal(unit.code)} AND f.visit_day = ${date(missingDay)}`,
  )

  // The load of the night STALE_DAYS ago was the last to bring referrals.
  const staleSince = timestamp(`${addDays(c.cutoffDate, -STALE_DAYS)}T${c.cutoff.slice(11)}`)
  const loadStart = `(SELECT MAX(started_at) FROM etl.load_log WHERE status = 'succeeded')`
  // Those changed from the last load's start on are late changes, left out of the comparison: not counted here.
  const staleCounted = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ci.fact_referral WHERE source_changed_at > ${staleSince} AND source_changed_at <= ${loadStart}`,
  )
  await db.query(`DELETE FROM ci.fact_referral WHERE source_changed_at > ${staleSince}`)

  const truncatedDay = addDays(c.cutoffDate, -TRUNCATED_DAY_OFFSET)
  // Only visits changed before the load's start: later ones are late changes, which the check leaves out.
  const truncatedWhere = `visit_day = ${date(truncatedDay)} AND fee_amount <> trunc(fee_amount)
    AND source_changed_at < ${loadStart}`
  const truncated = await db.query<{ visits: number; lost: string }>(
    `SELECT count(*)::int AS visits, sum(fee_amount - trunc(fee_amount))::text AS lost FROM ci.fact_visit WHERE ${truncatedWhere}`,
  )
  await db.query(`UPDATE ci.fact_visit SET fee_amount = trunc(fee_amount) WHERE ${truncatedWhere}`)
  const truncatedRow = truncated.rows[0]

  // A summer-time conversion applied twice: one day's patient change times are an hour early.
  const shiftedDay = addDays(c.cutoffDate, -SHIFTED_DAY_OFFSET)
  const shifted = await db.query(
    `UPDATE ci.dim_patient SET source_changed_at = source_changed_at - INTERVAL '1 hour'
     WHERE source_changed_at >= ${date(shiftedDay)} AND source_changed_at < ${date(shiftedDay)} + 1`,
  )
  // UTF-8 read as Latin-1 on its way into CI: "å" becomes "Ã¥" in unit names.
  const mangled = await db.query(
    `UPDATE ci.dim_unit SET unit_name = replace(unit_name, 'å', 'Ã¥') WHERE unit_name LIKE '%å%'`,
  )

  return [
    {
      id: 'missing-unit-day',
      description: `All ${missing.affectedRows ?? 0} visits at ${unit.name} (${unit.code}) on ${missingDay} are missing from the reporting copy, as if part of a night's load had been skipped; they had no fees (care for children is free), so the fee total alone would not show it.`,
      expectedFailures: [
        { check: 'outpatient-visits', assertion: 'row_count' },
        { check: 'outpatient-visits', assertion: 'row_count by visit_date, unit' },
        { check: 'outpatient-visits', assertion: 'distinct_count(patient)' },
      ],
    },
    {
      id: 'stale-referrals',
      description: `The referrals table of the reporting copy stopped loading ${STALE_DAYS} nights ago while every nightly load still reported success, so the ${(staleCounted.rows[0]?.n ?? 0).toLocaleString('en-US')} referrals sent or changed since then (up to the last load's start) are missing.`,
      expectedFailures: [
        { check: 'referrals', assertion: 'row_count' },
        { check: 'referrals', assertion: 'row_count by priority' },
        { check: 'referrals', assertion: 'freshness(changed_at)' },
      ],
    },
    {
      id: 'truncated-fees',
      description: `The fees of ${truncatedRow?.visits ?? 0} visits on ${truncatedDay} lost their öre in the reporting copy (218.75 kr became 218.00 kr), so every count agrees but the fee total is ${formatKronor(Number(truncatedRow?.lost ?? 0))} kr too low.`,
      expectedFailures: [{ check: 'outpatient-visits', assertion: 'sum(fee)' }],
    },
    {
      id: 'shifted-change-times',
      description: `The change times of the ${(shifted.affectedRows ?? 0).toLocaleString('en-US')} patients changed on ${shiftedDay} are one hour early in the reporting copy, as if a summer-time conversion had been applied twice; every count, sum and the newest change time still agree, so only a row-by-row checksum sees it.`,
      expectedFailures: [{ check: 'patients', assertion: 'checksum' }],
    },
    {
      id: 'mangled-unit-names',
      description: `The names of ${mangled.affectedRows ?? 0} care units lost their "å" in the reporting copy ("Vårdcentral" became "VÃ¥rdcentral", UTF-8 read as Latin-1); the units and their distinct names still count the same.`,
      expectedFailures: [{ check: 'care-units', assertion: 'checksum' }],
    },
  ]
}
