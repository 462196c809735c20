import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { ReconcileError } from '../errors/errors.js'
import { addDays, type LocalDateTime, localDateTime, nightlyCutoff } from './local-time.js'
import { mulberry32, randomInt } from './random.js'
import { injectFaults } from './faults.js'
import type { DemoScenario } from './scenario.js'
import { date, hash, literal, timestamp } from './sql-pieces.js'
import { DEMO_UNITS, type UnitKind } from './units.js'

export type { DemoScenario, ExpectedFailure, InjectedFault } from './scenario.js'

/** The demo region's time zone: Cosmic stores naive local timestamps in it. */
export const DEMO_TIME_ZONE = 'Europe/Stockholm'

const SEED = 20_250_501
const PATIENTS = 50_000
/** Patients 1..CHILDREN are children; only they visit the children's units, and only there. */
const CHILDREN = 9_000
const VISITS = 250_000
const REFERRALS = 30_000
const HISTORY_DAYS = 60
const POST_CUTOFF_VISITS = 300
const POST_CUTOFF_REFERRALS = 60
/** Visits from before the load updated after it (a new fee and change time): late changes, not faults. */
const POST_CUTOFF_UPDATED_VISITS = 400
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

/**
 * Builds the two demo databases under `dir`: `<dir>/cosmic` (the source, schema `cosmic`) and `<dir>/ci` (its
 * reporting copy, schemas `ci` and `etl`), both PGlite. Existing demo databases there are deleted first. The data
 * is synthetic and deterministic given `now`: 40 care units, 50,000 patients, 250,000 outpatient visits and 30,000
 * referrals over the 60 days before the nightly load's cutoff (03:10 Europe/Stockholm). The reporting copy holds
 * the source as of the cutoff, with five faults injected; the source then gets new rows after the cutoff, which
 * a fair comparison must ignore. Rows are generated inside the databases with `generate_series` and hashing, so
 * seeding takes seconds. Returns what was injected, for `describeFaultsCaught`.
 */
export async function seedDemoDatabases(dir: string, now: Date): Promise<DemoScenario> {
  const cutoff = nightlyCutoff(now, DEMO_TIME_ZONE)
  const random = mulberry32(SEED)
  const salt = Object.fromEntries(
    SALT_NAMES.map((name) => [name, randomInt(random, 1_000_000_000)]),
  ) as Record<SaltName, number>
  const context: SeedContext = {
    cutoff,
    cutoffDate: cutoff.slice(0, 10),
    localNow: localDateTime(now, DEMO_TIME_ZONE),
    salt,
  }
  const childrensUnits = DEMO_UNITS.filter((u) => u.kind === 'children')
  const missingUnit = childrensUnits[randomInt(random, childrensUnits.length)] ?? DEMO_UNITS[0]
  if (missingUnit === undefined) throw new Error('the demo needs at least one care unit')

  mkdirSync(dir, { recursive: true })
  const cosmicDir = path.join(dir, 'cosmic')
  const ciDir = path.join(dir, 'ci')
  removeDemoDatabase(cosmicDir)
  removeDemoDatabase(ciDir)

  // Both databases start as one: the source is generated, the reporting copy is loaded from it as of the cutoff
  // and broken, then the directory is copied and each copy drops the other's schemas. One initdb, one generation.
  const faults = await withDatabase(cosmicDir, async (db) => {
    await step(db, 'generate the source data', buildSource(context))
    await step(db, 'load the reporting copy', buildReportingCopy(context))
    return injectFaults(db, context, missingUnit)
  })
  cpSync(cosmicDir, ciDir, { recursive: true })
  await withDatabase(ciDir, (db) =>
    step(db, 'separate the reporting copy', 'DROP SCHEMA cosmic CASCADE; ANALYZE'),
  )
  await withDatabase(cosmicDir, async (db) => {
    await step(db, 'separate the source', 'DROP SCHEMA ci, etl CASCADE')
    await step(db, 'add the changes after the cutoff', changesAfterCutoff(context))
    await step(db, 'analyze the source', 'ANALYZE')
  })

  return {
    cutoff,
    faults,
    postCutoffChanges: {
      visits: POST_CUTOFF_VISITS,
      referrals: POST_CUTOFF_REFERRALS,
      updatedVisits: POST_CUTOFF_UPDATED_VISITS,
    },
    rows: {
      patients: PATIENTS,
      visits: VISITS + POST_CUTOFF_VISITS,
      referrals: REFERRALS + POST_CUTOFF_REFERRALS,
      units: DEMO_UNITS.length,
    },
  }
}

/** Deletes a previous demo database, refusing any directory that is neither empty nor a PGlite database. */
function removeDemoDatabase(dir: string): void {
  if (!existsSync(dir)) return
  if (readdirSync(dir).length > 0 && !existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new ReconcileError(
      'CONFIG_INVALID',
      `${dir} exists and is not a PGlite database; the demo will not delete it. Move it away or seed another directory`,
    )
  }
  rmSync(dir, { recursive: true, force: true })
}

/** Opens (or creates) the PGlite database in `dir`, runs `work` on it and always closes it. */
async function withDatabase<T>(dir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(dir)
  try {
    return await work(db)
  } finally {
    await db.close()
  }
}

/** Runs one step of the seeding; a failure names the step and keeps the database's error as its cause. */
async function step(db: PGlite, what: string, sql: string): Promise<void> {
  try {
    await db.exec(sql)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`demo seeding failed to ${what}: ${reason}`, { cause: error })
  }
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
function afterCutoff(c: SeedContext, row = 'i'): string {
  const spread = `${hash(c.salt.after, 1_000_000, row)}::numeric * ${secondsAfterCutoff(c)} / 1000000`
  return `(${timestamp(c.cutoff)} + (1 + ${spread}) * INTERVAL '1 second')`
}

/** 1–30 minutes before the cutoff: a change made too late in the day is stamped by the night's batch jobs. */
function justBeforeCutoff(c: SeedContext): string {
  return `(${timestamp(c.cutoff)} - (1 + ${hash(c.salt.clamp, 30)}) * INTERVAL '1 minute')`
}

/**
 * The nightly load (finishing at 03:10) that carried a change into the reporting copy: the first after it, and
 * no earlier than the first load in the log.
 */
function loadedAt(c: SeedContext, changedAt: string): string {
  const firstLoad = timestamp(`${addDays(c.cutoffDate, -HISTORY_DAYS)}T03:10:00`)
  return `greatest((${changedAt} - INTERVAL '3 hours 10 minutes')::date + 1 + TIME '03:10', ${firstLoad})`
}

/**
 * Patients, as Cosmic holds them. Patients 1–9,000 are children (born 30 days to 17 years before the cutoff),
 * the rest adults (18 to 95 years). Birth days come from a bijection on day numbers (7919 is coprime with both
 * spans), so that a birth date and the serial digit after "TF" identify a patient uniquely.
 *
 * SYNTHETIC IDENTIFIERS: the personnummer has the shape `YYYYMMDD-TFnn`, with the letters "TF" where a real one
 * has digits. No real personnummer contains letters, so these can never point at a real person.
 */
function patientRows(c: SeedContext): string {
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
function visitRows(c: SeedContext, from: number, to: number, when: 'history' | 'after-cutoff'): string {
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
function referralRows(c: SeedContext, from: number, to: number, when: 'history' | 'after-cutoff'): string {
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

/** The source as it stood at the cutoff: Cosmic's tables and their history. */
function buildSource(c: SeedContext): string {
  const units = DEMO_UNITS.map((u) => `(${u.id}, ${literal(u.code)}, ${literal(u.name)})`).join(', ')
  return `
    BEGIN;
    CREATE SCHEMA cosmic;
    CREATE TABLE cosmic.unit (id integer PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
    CREATE TABLE cosmic.patient (
      patient_id integer PRIMARY KEY, personnummer text NOT NULL UNIQUE, birth_date date NOT NULL, sex text NOT NULL,
      municipality_code text NOT NULL, created_at timestamp NOT NULL, changed_at timestamp NOT NULL);
    CREATE TABLE cosmic.outpatient_visit (
      visit_id bigint PRIMARY KEY, patient_id integer NOT NULL, unit_id integer NOT NULL, visit_date date NOT NULL,
      visit_type text NOT NULL, fee_sek numeric(10,2), created_at timestamp NOT NULL, changed_at timestamp NOT NULL);
    CREATE TABLE cosmic.referral (
      referral_id bigint PRIMARY KEY, patient_id integer NOT NULL, from_unit_id integer NOT NULL,
      to_unit_id integer NOT NULL, sent_at timestamp NOT NULL, changed_at timestamp NOT NULL, priority text NOT NULL);
    INSERT INTO cosmic.unit VALUES ${units};
    INSERT INTO cosmic.patient (patient_id, birth_date, personnummer, sex, municipality_code, created_at, changed_at)
      ${patientRows(c)};
    INSERT INTO cosmic.outpatient_visit (visit_id, patient_id, unit_id, visit_date, visit_type, fee_sek, created_at, changed_at)
      ${visitRows(c, 1, VISITS, 'history')};
    INSERT INTO cosmic.referral (referral_id, patient_id, from_unit_id, to_unit_id, sent_at, changed_at, priority)
      ${referralRows(c, 1, REFERRALS, 'history')};
    ALTER TABLE cosmic.outpatient_visit
      ADD FOREIGN KEY (patient_id) REFERENCES cosmic.patient, ADD FOREIGN KEY (unit_id) REFERENCES cosmic.unit;
    ALTER TABLE cosmic.referral ADD FOREIGN KEY (patient_id) REFERENCES cosmic.patient,
      ADD FOREIGN KEY (from_unit_id) REFERENCES cosmic.unit, ADD FOREIGN KEY (to_unit_id) REFERENCES cosmic.unit;
    COMMIT;`
}

/**
 * Activity in the source after the load: new visits and referrals, all created and changed after the cutoff, and
 * recent visits (of the last two days) corrected after it: a new fee and change time.
 */
function changesAfterCutoff(c: SeedContext): string {
  return `
    BEGIN;
    UPDATE cosmic.outpatient_visit SET fee_sek = 50.00, changed_at = ${afterCutoff(c, 'visit_id')}
      WHERE visit_id IN (
        SELECT visit_id FROM cosmic.outpatient_visit WHERE visit_date >= ${date(addDays(c.cutoffDate, -1))}
        ORDER BY hashint8(visit_id) LIMIT ${POST_CUTOFF_UPDATED_VISITS});
    INSERT INTO cosmic.outpatient_visit (visit_id, patient_id, unit_id, visit_date, visit_type, fee_sek, created_at, changed_at)
      ${visitRows(c, VISITS + 1, VISITS + POST_CUTOFF_VISITS, 'after-cutoff')};
    INSERT INTO cosmic.referral (referral_id, patient_id, from_unit_id, to_unit_id, sent_at, changed_at, priority)
      ${referralRows(c, REFERRALS + 1, REFERRALS + POST_CUTOFF_REFERRALS, 'after-cutoff')};
    COMMIT;`
}

/**
 * The reporting copy as a correct load leaves it: every source row changed up to the cutoff, restructured the way
 * a warehouse is (surrogate unit keys, renamed columns), with the load log that says when each night's load ended.
 */
function buildReportingCopy(c: SeedContext): string {
  const cutoff = timestamp(c.cutoff)
  return `
    BEGIN;
    CREATE SCHEMA ci;
    CREATE SCHEMA etl;
    CREATE TABLE etl.load_log (
      load_id integer PRIMARY KEY, started_at timestamp NOT NULL, finished_at timestamp, status text NOT NULL);
    CREATE TABLE ci.dim_unit (unit_key integer PRIMARY KEY, unit_code text NOT NULL UNIQUE, unit_name text NOT NULL);
    CREATE TABLE ci.dim_patient (
      patient_key integer PRIMARY KEY, birth_date date NOT NULL, sex_code text NOT NULL, municipality_code text NOT NULL,
      -- To the whole second: Cosmic's microseconds are rounded when the load stores them.
      source_changed_at timestamp(0) NOT NULL, loaded_at timestamp NOT NULL);
    CREATE TABLE ci.fact_visit (
      visit_key bigint PRIMARY KEY, patient_key integer NOT NULL, unit_key integer NOT NULL, visit_day date NOT NULL,
      visit_kind text NOT NULL, fee_amount numeric(12,2), source_changed_at timestamp NOT NULL,
      loaded_at timestamp NOT NULL);
    CREATE TABLE ci.fact_referral (
      referral_key bigint PRIMARY KEY, patient_key integer NOT NULL, from_unit_key integer NOT NULL,
      to_unit_key integer NOT NULL, sent_time timestamp NOT NULL, priority_code text NOT NULL,
      source_changed_at timestamp NOT NULL, loaded_at timestamp NOT NULL);

    -- One load per night, each finishing at 03:10; the latest is the cutoff.
    INSERT INTO etl.load_log
      SELECT 4000 + n, night + TIME '03:10' - (50 + ${hash(c.salt.loadStart, 40, 'n')}) * INTERVAL '1 minute',
        night + TIME '03:10', 'succeeded'
      FROM generate_series(0, ${HISTORY_DAYS}) AS g(n)
      CROSS JOIN LATERAL (SELECT ${date(c.cutoffDate)} - ${HISTORY_DAYS} + n AS night) AS d;
    INSERT INTO ci.dim_unit SELECT 1 + row_number() OVER (ORDER BY code), code, name FROM cosmic.unit;
    INSERT INTO ci.dim_patient
      SELECT patient_id, birth_date, sex, municipality_code, changed_at, ${loadedAt(c, 'changed_at')}
      FROM cosmic.patient WHERE changed_at <= ${cutoff};
    INSERT INTO ci.fact_visit
      SELECT v.visit_id, v.patient_id, d.unit_key, v.visit_date, v.visit_type, v.fee_sek, v.changed_at,
        ${loadedAt(c, 'v.changed_at')}
      FROM cosmic.outpatient_visit AS v
      JOIN cosmic.unit AS u ON u.id = v.unit_id
      JOIN ci.dim_unit AS d ON d.unit_code = u.code
      WHERE v.changed_at <= ${cutoff};
    INSERT INTO ci.fact_referral
      SELECT r.referral_id, r.patient_id, f.unit_key, t.unit_key, r.sent_at, r.priority, r.changed_at,
        ${loadedAt(c, 'r.changed_at')}
      FROM cosmic.referral AS r
      JOIN cosmic.unit AS fu ON fu.id = r.from_unit_id
      JOIN ci.dim_unit AS f ON f.unit_code = fu.code
      JOIN cosmic.unit AS tu ON tu.id = r.to_unit_id
      JOIN ci.dim_unit AS t ON t.unit_code = tu.code
      WHERE r.changed_at <= ${cutoff};
    ALTER TABLE ci.fact_visit ADD FOREIGN KEY (unit_key) REFERENCES ci.dim_unit;
    ALTER TABLE ci.fact_referral
      ADD FOREIGN KEY (from_unit_key) REFERENCES ci.dim_unit, ADD FOREIGN KEY (to_unit_key) REFERENCES ci.dim_unit;
    COMMIT;`
}
