import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDefinitions } from '../../src/check-kinds/load-definitions.js'
import { localDateTime } from '../../src/demo/local-time.js'
import { type DemoScenario, seedDemoDatabases } from '../../src/demo/seed.js'
import { type TempDir, tempDir } from '../support/temp-dir.js'

/** 02:09 UTC on the night clocks fall back: 03:09 local, so the cutoff is 25 hours earlier, the longest gap. */
const now = new Date('2025-10-26T02:09:00Z')

describe('seedDemoDatabases', () => {
  let dir: TempDir
  let scenario: DemoScenario
  let cosmic: PGlite
  let ci: PGlite

  beforeAll(async () => {
    dir = await tempDir('reconcile-demo-')
    scenario = await seedDemoDatabases(dir.path, now)
    cosmic = await PGlite.create(path.join(dir.path, 'cosmic'))
    ci = await PGlite.create(path.join(dir.path, 'ci'))
  })

  afterAll(async () => {
    await cosmic?.close()
    await ci?.close()
    await dir?.remove()
  })

  const one = async (db: PGlite, sql: string): Promise<string | null> => {
    const { rows } = await db.query<{ v: string | null }>(`SELECT (${sql})::text AS v`)
    return rows[0]?.v ?? null
  }

  it('sets the cutoff at the last load, which CI records as its last successful load', async () => {
    expect(scenario.cutoff).toBe('2025-10-25T03:10:00')
    expect(await one(ci, "SELECT MAX(finished_at) FROM etl.load_log WHERE status = 'succeeded'")).toBe(
      '2025-10-25 03:10:00',
    )
  })

  it('creates the rows it reports, and only the source changed after the cutoff', async () => {
    const cutoff = `TIMESTAMP '${scenario.cutoff}'`
    const nowLocal = `TIMESTAMP '${localDateTime(now, 'Europe/Stockholm')}'`
    expect(await one(cosmic, 'SELECT count(*) FROM cosmic.patient')).toBe(String(scenario.rows.patients))
    expect(await one(cosmic, 'SELECT count(*) FROM cosmic.outpatient_visit')).toBe(
      String(scenario.rows.visits),
    )
    expect(await one(cosmic, 'SELECT count(*) FROM cosmic.referral')).toBe(String(scenario.rows.referrals))
    expect(await one(cosmic, 'SELECT count(*) FROM cosmic.unit')).toBe(String(scenario.rows.units))
    expect(
      await one(cosmic, `SELECT count(*) FROM cosmic.outpatient_visit WHERE changed_at > ${cutoff}`),
    ).toBe(String(scenario.postCutoffChanges.visits + scenario.postCutoffChanges.updatedVisits))
    expect(await one(cosmic, `SELECT count(*) FROM cosmic.referral WHERE changed_at > ${cutoff}`)).toBe(
      String(scenario.postCutoffChanges.referrals),
    )
    expect(
      await one(cosmic, `SELECT count(*) FROM cosmic.outpatient_visit WHERE created_at > ${nowLocal}`),
    ).toBe('0')
    expect(await one(ci, `SELECT count(*) FROM ci.fact_visit WHERE source_changed_at > ${cutoff}`)).toBe('0')
    expect(
      await one(
        cosmic,
        "SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('ci', 'etl')",
      ),
    ).toBe('0')
    expect(
      await one(ci, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'cosmic'"),
    ).toBe('0')
  })

  it('injects the same faults for the same night', () => {
    expect(scenario.faults.map((f) => f.description)).toEqual([
      expect.stringMatching(/^All 89 visits at .* \(BUM-NORR\) on 2025-10-20 are missing/),
      expect.stringMatching(
        /so the 1,475 referrals sent or changed since then \(up to the last load's start\) are missing\.$/,
      ),
      expect.stringMatching(
        /^The fees of 675 visits on 2025-10-23 .* the fee total is 428\.75 kr too low\.$/,
      ),
      expect.stringMatching(
        /^The change times of the [\d,]+ patients changed on 2025-10-16 are one hour early/,
      ),
      expect.stringMatching(/^The names of 21 care units lost their "å"/),
    ])
  })

  it('expects failures only of assertions that the demo checks define', async () => {
    const { definitions, issues } = await loadDefinitions('checks', new Set(['cosmic', 'ci']))
    expect(issues).toEqual([])
    // One result per aggregate function, keyed `<function>(<column>)`.
    const keys = definitions.flatMap((d) =>
      d.assertions.flatMap((a) =>
        a.kind === 'aggregate'
          ? a.functions.map((f) => `${d.id} ${f}(${a.column.name})`)
          : [`${d.id} ${a.key}`],
      ),
    )
    for (const expected of scenario.faults.flatMap((f) => f.expectedFailures)) {
      expect(keys).toContain(`${expected.check} ${expected.assertion}`)
    }
  })
})
