/**
 * The demo's rows, as SQL that generates them inside the database (`generate_series` and hashing): patients,
 * outpatient visits and referrals in the columns of Cosmic's tables, and the times around the nightly cutoff they
 * are spread over. seed.ts builds the databases from these; the same context gives the same rows every time.
 */
import { addDays, type LocalDateTime } from './local-time.js'
import { randomInt } from './random.js'
import { date, hash, literal, timestamp } from './sql-pieces.js'
import { DEMO_UNITS, type UnitKind } from './units.js'

/** Patients in the source. */
export const PATIENTS = 50_000
/** Patients 1..CHILDREN are children; only they visit the children's units, and only there. */
const CHILDREN = 9_000
/** Outpatient visits in the source up to the cutoff. */
export const VISITS = 250_000
/** Referrals in the source up to the cutoff. */
export const REFERRALS = 30_000
/** Days of history before the cutoff's date, one nightly load each. */
export const HISTORY_DAYS = 60
/** Municipality codes (public, four digits) that the demo patients live in. */
const MUNICIPALITIES = '2401 2403 2404 2409 2417 2418 2421 2422 2425 2460 2462 2463 2480 2481 2482'.split(' ')
/** Fees in kronor; a few carry öre (reduced fees), and the highest is a whole krona amount. */
const FEES = ['100.00', '150.00', '200.00', '218.75', '250.00', '262.50', '300.00', '400.00']

/** Everything the generating SQL depends on: the same context gives the same rows in both databases. */
export interface SeedContext {
  readonly cutoff: LocalDateTime
  readonly cutoffDate: string
  /** Wall-clock time of the seeding, naive local: rows after the cutoff are spread up to it. */
  readonly localNow: LocalDateTime
  /** Salts of the hash functions, one per generated attribute, so that attributes vary independently. */
  readonly salt: Readonly<Record<SaltName, number>>
}

/** One salt per generated attribute, drawn in this order from the demo's seeded generator. */
const SALT_NAMES = [
  'visitUnit',
  'visitPatient',
  'visitType',
  'visitFree',
  'visitFee',
  'visitTime',
  'visitLate',
  'visitChange',
  'clamp',
  'after',
  'refPatient',
  'refFrom',
  'refTo',
  'refTime',
  'refChange',
  'refPriority',
  'patSerial',
  'patSex',
  'patMunicipality',
  'patCreated',
  'patChanged',
  'loadStart',
] as const

type SaltName = (typeof SALT_NAMES)[number]

/** The salts of a seeding, drawn from `random` (made by `mulberry32`) in {@link SALT_NAMES} order. */
export function drawSalts(random: () => number): Readonly<Record<SaltName, number>> {
  return Object.fromEntries(SALT_NAMES.map((name) => [name, randomInt(random, 1_000_000_000)])) as Record<
    SaltName,
    number
  >
}

/** Care units of one kind as an inline table `(idx, id, code, kind)`, `idx` counting from 0. */
function unitsOfKind(kind: UnitKind | 'any'): { table: string; count: number } {
  const units = DEMO_UNITS.filter((u) => kind === 'any' || u.kind === kind)
  const rows = units.map((u, idx) => `(${idx}, ${u.id}, ${literal(u.code)}, ${literal(u.kind)})`)
  return { table: `(VALUES ${rows.join(', ')})`, count: units.length }
}

/** Seconds from the cutoff to the seeding time, less one, so that rows after the cutoff are never later than now. */
function secondsAfterCutoff(c: SeedContext): number {
  const ms = Date.parse(`${c.localNow}Z`) - Date.parse(`${c.cutoff}Z`)
  return Math.max(0, Math.floor(ms / 1000) - 1)
}

/**
 * A time after the cutoff for row `row` (default `i`): at least one second after it, spread up to the seeding time. Strictly
 * after the cutoff, so that a comparison "as of the cutoff" leaves the row out.
 */
export function afterCutoff(c: SeedContext, row = 'i'): string {
  const spread = `${hash(c.salt.after, 1_000_000, row)}::numeric * ${secondsAfterCutoff(c)} / 1000000`
  return `(${timestamp(c.cutoff)} + (1 + ${spread}) * INTERVAL '1 second')`
}

/** 1–30 minutes before the cutoff: a change made too late in the day is stamped by the night's batch jobs. */
export function justBeforeCutoff(c: SeedContext): string {
  return `(${timestamp(c.cutoff)} - (1 + ${hash(c.salt.clamp, 30)}) * INTERVAL '1 minute')`
}

/**
 * Patients, as Cosmic holds them. Patients 1–9,000 are children (born 30 days to 17 years before the cutoff),
 * the rest adults (18 to 95 years). Birth days come from a bijection on day numbers (7919 is coprime with both
 * spans), so that a birth date and the serial digit after "TF" identify a patient uniquely.
 *
 * SYNTHETIC IDENTIFIERS: the personnummer has the shape `YYYYMMDD-TFnn`, with the letters "TF" where a real one
 * has digits. No real personnummer contains letters, so these can never point at a real person.
 */
export function patientRows(c: SeedContext): string {
  const childDays = 17 * 365
  const adultDays = 77 * 365
  const municipalities = `ARRAY[${MUNICIPALITIES.map(literal).join(', ')}]`
  return `
    SELECT i AS patient_id, b.birth_date,
      to_char(b.birth_date, 'YYYYMMDD') || '-TF' || b.serial || ${hash(c.salt.patSerial, 10)} AS personnummer,
      CASE WHEN ${hash(c.salt.patSex, 2)} = 0 THEN 'K' ELSE 'M' END AS sex,
      (${municipalities})[1 + ${hash(c.salt.patMunicipality, MUNICIPALITIES.length)}] AS municipality_code,
      r.created_at,
      r.created_at + ${hash(c.salt.patChanged, 1_000_000)} / 1000000.0
        * (${timestamp(c.cutoff)} - INTERVAL '1 hour' - r.created_at) AS changed_at
    FROM generate_series(1, ${PATIENTS}) AS g(i)
    CROSS JOIN LATERAL (
      SELECT
        CASE WHEN i <= ${CHILDREN}
          THEN ${date(c.cutoffDate)} - (30 + ((i - 1)::bigint * 7919) % ${childDays})::int
          ELSE ${date(c.cutoffDate)} - (${18 * 365} + ((i - ${CHILDREN + 1})::bigint * 7919) % ${adultDays})::int
        END AS birth_date,
        CASE WHEN i <= ${CHILDREN} THEN (i - 1) / ${childDays} ELSE (i - ${CHILDREN + 1}) / ${adultDays} END AS serial
    ) AS b
    CROSS JOIN LATERAL (
      -- Registered in Cosmic at birth, or when Cosmic was introduced ten years ago.
      SELECT greatest(b.birth_date, ${date(addDays(c.cutoffDate, -3650))})
        + TIME '08:00' + ${hash(c.salt.patCreated, 600)} * INTERVAL '1 minute' AS created_at
    ) AS r`
}

/** Outpatient visits `from`..`to`, in the columns of `cosmic.outpatient_visit`. */
export function visitRows(
  c: SeedContext,
  from: number,
  to: number,
  when: 'history' | 'after-cutoff',
): string {
  const s = c.salt
  const units = unitsOfKind('any')
  // History: ids grow with the day over the 60 days before the cutoff's date; registered 07:00–17:00 that day.
  const created =
    when === 'history'
      ? `${date(c.cutoffDate)} - ${HISTORY_DAYS} + ((i - 1) * ${HISTORY_DAYS} / ${VISITS})::int
          + TIME '07:00' + h.minute * INTERVAL '1 minute'`
      : afterCutoff(c)
  // Most visits are changed within two hours (signed, coded), one in five up to three days later; all before the load.
  const changed =
    when === 'history'
      ? `least(t.created_at + CASE WHEN h.late = 0 THEN h.change_3d ELSE h.change_2h END * INTERVAL '1 minute', ${justBeforeCutoff(c)})`
      : 't.created_at'
  return `
    SELECT i AS visit_id,
      CASE WHEN u.kind = 'children' THEN 1 + h.child ELSE ${CHILDREN + 1} + h.adult END AS patient_id,
      u.id AS unit_id, t.created_at::date AS visit_date,
      CASE WHEN h.kind < 14 THEN 'besök' WHEN h.kind < 17 THEN 'telefon' WHEN h.kind < 19 THEN 'video' ELSE 'hembesök' END
        AS visit_type,
      -- Care for children is free; phone calls carry no fee; one visit in ten is free under the high-cost ceiling.
      (CASE WHEN u.kind = 'children' THEN 0
        WHEN h.kind BETWEEN 14 AND 16 THEN NULL
        WHEN h.free = 0 THEN 0
        ELSE (ARRAY[${FEES.join(', ')}])[1 + h.fee] END)::numeric(10,2) AS fee_sek,
      t.created_at, ${changed} AS changed_at
    FROM generate_series(${from}::bigint, ${to}::bigint) AS g(i)
    CROSS JOIN LATERAL (
      SELECT ${hash(s.visitUnit, units.count)} AS unit, ${hash(s.visitPatient, CHILDREN)} AS child,
        ${hash(s.visitPatient, PATIENTS - CHILDREN)} AS adult, ${hash(s.visitType, 20)} AS kind,
        ${hash(s.visitFree, 10)} AS free, ${hash(s.visitFee, FEES.length)} AS fee, ${hash(s.visitTime, 600)} AS minute,
        ${hash(s.visitLate, 5)} AS late, ${hash(s.visitChange, 4320)} AS change_3d, ${hash(s.visitChange, 120)} AS change_2h
      OFFSET 0
    ) AS h
    JOIN ${units.table} AS u(idx, id, code, kind) ON u.idx = h.unit
    CROSS JOIN LATERAL (SELECT ${created} AS created_at) AS t`
}

/** Referrals `from`..`to` from a health centre to a specialist unit, in the columns of `cosmic.referral`. */
export function referralRows(
  c: SeedContext,
  from: number,
  to: number,
  when: 'history' | 'after-cutoff',
): string {
  const s = c.salt
  const primary = unitsOfKind('primary')
  const specialist = unitsOfKind('specialist')
  const sent =
    when === 'history'
      ? `${date(c.cutoffDate)} - ${HISTORY_DAYS} + ((i - 1) * ${HISTORY_DAYS} / ${REFERRALS})::int
          + TIME '08:00' + ${hash(s.refTime, 540)} * INTERVAL '1 minute'`
      : afterCutoff(c)
  // A referral changes when the receiving unit assesses it, up to three days after it was sent.
  const changed =
    when === 'history'
      ? `least(t.sent_at + ${hash(s.refChange, 4320)} * INTERVAL '1 minute', ${justBeforeCutoff(c)})`
      : 't.sent_at'
  return `
    SELECT i AS referral_id, ${CHILDREN + 1} + ${hash(s.refPatient, PATIENTS - CHILDREN)} AS patient_id,
      f.id AS from_unit_id, d.id AS to_unit_id, t.sent_at, ${changed} AS changed_at,
      CASE WHEN ${hash(s.refPriority, 20)} = 0 THEN 'akut' WHEN ${hash(s.refPriority, 20)} < 6 THEN 'prioriterad'
        ELSE 'rutin' END AS priority
    FROM generate_series(${from}::bigint, ${to}::bigint) AS g(i)
    JOIN ${primary.table} AS f(idx, id, code, kind) ON f.idx = ${hash(s.refFrom, primary.count)}
    JOIN ${specialist.table} AS d(idx, id, code, kind) ON d.idx = ${hash(s.refTo, specialist.count)}
    CROSS JOIN LATERAL (SELECT ${sent} AS sent_at) AS t`
}
