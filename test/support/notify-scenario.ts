/**
 * A small source/target pair for the notification tests: a patient register whose reporting copy lacks one row,
 * the row of a planted sentinel personal identity number that must never leave the databases, and a unit
 * register that always matches. `fix()` loads the missing row so the check passes again.
 */
import type { Config, MailConfig, StoreConfig } from '../../src/config/types.js'
import type { CheckDefinition } from '../../src/definitions/types.js'
import type { TestDatabase, TestEngine } from './engines.js'
import { definitionsIn, testConfig } from './fixtures.js'
import type { TempDir } from './temp-dir.js'

/** The sentinel: the Swedish tax agency's well-known test personnummer, planted in one source row. */
export const SENTINEL_PNR = '19121212-1212'
/** The same number without its separator, as it might be formatted elsewhere. */
export const SENTINEL_DIGITS = '191212121212'

const PATIENTS = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  pnr: i === 6 ? SENTINEL_PNR : `19800101-${String(1000 + i)}`,
  municipality: i % 2 === 0 ? 'Umeå' : 'Skellefteå',
}))

const values = (rows: typeof PATIENTS) =>
  rows.map((p) => `(${p.id}, '${p.pnr}', '${p.municipality}')`).join(', ')

const SENTINEL_ROW = PATIENTS.filter((p) => p.pnr === SENTINEL_PNR)

/** The check definitions of the scenario; `patients` names the vendor as responsible. */
export const SCENARIO_CHECKS: Record<string, string> = {
  'patients.yaml': `id: patients
title: Every patient reaches the reporting copy
description: Counts patients on both sides, per municipality, and the distinct identity numbers.
owner: Cosmic förvaltningsgrupp
severity: high
source: { connection: src, table: src.patient }
target: { connection: dw, table: dw.patient }
columns:
  - { name: id, source: id, target: patient_key }
  - { name: pnr, source: pnr, target: pnr }
  - { name: municipality, source: municipality, target: municipality }
key: [id]
notify:
  vendor: true
  recipients: [diver-forvaltning@region.example]
assertions:
  - kind: row_count
  - kind: row_count
    group_by: [municipality]
  - kind: aggregate
    column: pnr
    functions: [distinct_count, null_count]
`,
  'units.yaml': `id: units
title: Units match
description: Counts the units.
owner: tests
severity: low
source: { connection: src, table: src.unit }
target: { connection: dw, table: dw.unit }
columns: [code]
assertions:
  - kind: row_count
`,
}

/** Source and target databases with the scenario's data; the sentinel's row is missing from the target. */
export interface Scenario {
  readonly source: TestDatabase
  readonly target: TestDatabase
  readonly definitions: CheckDefinition[]
  /** Loads the missing row into the target, so `patients` passes. */
  fix(): Promise<void>
  /** Removes it again. */
  breakAgain(): Promise<void>
  cleanup(): Promise<void>
}

/** Builds the scenario's databases on `engine` and its definitions in `dir/checks`. */
export async function createScenario(engine: TestEngine, dir: TempDir): Promise<Scenario> {
  const source = await engine.createDatabase('src')
  const target = await engine.createDatabase('dw')
  await source.exec(`CREATE SCHEMA src;
CREATE TABLE src.patient (id integer PRIMARY KEY, pnr text, municipality text);
INSERT INTO src.patient VALUES ${values(PATIENTS)};
CREATE TABLE src.unit (code text); INSERT INTO src.unit VALUES ('U1'), ('U2');`)
  await target.exec(`CREATE SCHEMA dw;
CREATE TABLE dw.patient (patient_key integer, pnr text, municipality text);
INSERT INTO dw.patient VALUES ${values(PATIENTS.filter((p) => p.pnr !== SENTINEL_PNR))};
CREATE TABLE dw.unit (code text); INSERT INTO dw.unit VALUES ('U1'), ('U2');`)
  for (const [name, text] of Object.entries(SCENARIO_CHECKS)) await dir.write(`checks/${name}`, text)
  const definitions = await definitionsIn(`${dir.path}/checks`, ['src', 'dw'])
  return {
    source,
    target,
    definitions,
    fix: () => target.exec(`INSERT INTO dw.patient VALUES ${values(SENTINEL_ROW)};`),
    breakAgain: () => target.exec(`DELETE FROM dw.patient WHERE pnr = '${SENTINEL_PNR}';`),
    async cleanup() {
      await source.cleanup()
      await target.cleanup()
    },
  }
}

/** A results store on `engine`: PGlite in `dir`, or a fresh database on the PostgreSQL server. */
export async function createStore(
  engine: TestEngine,
  dir: TempDir,
  name: string,
): Promise<{ config: StoreConfig; cleanup: () => Promise<void> }> {
  const retry = { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 }
  const spoolDir = `${dir.path}/${name}-spool`
  if (engine.name === 'pglite') {
    return {
      config: { kind: 'pglite', path: `${dir.path}/${name}`, spoolDir, retry },
      cleanup: async () => undefined,
    }
  }
  const db = await engine.createDatabase(name)
  return { config: { kind: 'postgres', url: db.location, spoolDir, retry }, cleanup: () => db.cleanup() }
}

/** Mail settings for a test: SMTP on 127.0.0.1 with STARTTLS and a login, or `.eml` files. */
export function testMail(transport: MailConfig['transport']): MailConfig {
  return {
    from: 'Cosmic-kontroll <reconcile@region.example>',
    transport,
    recipients: {
      alerts: ['cosmic-forvaltning@region.example'],
      vendor: ['support@vendor.example'],
      report: ['ledning@region.example'],
    },
    retry: { initialDelayMs: 60_000, maxDelayMs: 3_600_000, attempts: 5 },
  }
}

/** The scenario's configuration with mail, a locale and reminders. */
export function scenarioConfig(
  scenario: Scenario,
  store: StoreConfig,
  mail: MailConfig,
  options: { locale?: 'sv' | 'en'; reminderAfterMs?: number | null } = {},
): Config {
  return {
    ...testConfig({ connections: [scenario.source.config, scenario.target.config], store }),
    installation: 'Testregionen',
    mail,
    locale: options.locale ?? 'sv',
    reminderAfterMs: options.reminderAfterMs === undefined ? 3 * 86_400_000 : options.reminderAfterMs,
  }
}

/** A clock the test moves by hand. */
export class TestClock {
  private ms: number
  constructor(start: string) {
    this.ms = new Date(start).getTime()
  }
  /** The current instant. */
  readonly now = (): Date => new Date(this.ms)
  /** Moves the clock forward. */
  advance(ms: number): void {
    this.ms += ms
  }
  /** Sets the clock. */
  set(iso: string): void {
    this.ms = new Date(iso).getTime()
  }
  /** A sleep that passes virtual time at once. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.ms += ms
  }
}
