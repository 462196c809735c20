import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { ReconcileError } from '../errors/errors.js'
import { addDays, localDateTime, nightlyCutoff } from './local-time.js'
import { mulberry32, randomInt } from './random.js'
import { injectFaults } from './faults.js'
import type { DemoScenario } from './scenario.js'
import {
  afterCutoff,
  drawSalts,
  HISTORY_DAYS,
  PATIENTS,
  patientRows,
  REFERRALS,
  referralRows,
  type SeedContext,
  VISITS,
  visitRows,
} from './seed-rows.js'
import { date, hash, literal, timestamp } from './sql-pieces.js'
import { DEMO_UNITS } from './units.js'

export type { DemoScenario, ExpectedFailure, InjectedFault } from './scenario.js'

/** The demo region's time zone: Cosmic stores naive local timestamps in it. */
export const DEMO_TIME_ZONE = 'Europe/Stockholm'

const SEED = 20_250_501
const POST_CUTOFF_VISITS = 300
const POST_CUTOFF_REFERRALS = 60
/** Visits from before the load updated after it (a new fee and change time): late changes, not faults. */
const POST_CUTOFF_UPDATED_VISITS = 400

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
  const salt = drawSalts(random)
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

/**
 * The nightly load (finishing at 03:10) that carried a change into the reporting copy: the first after it, and
 * no earlier than the first load in the log.
 */
function loadedAt(c: SeedContext, changedAt: string): string {
  const firstLoad = timestamp(`${addDays(c.cutoffDate, -HISTORY_DAYS)}T03:10:00`)
  return `greatest((${changedAt} - INTERVAL '3 hours 10 minutes')::date + 1 + TIME '03:10', ${firstLoad})`
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
