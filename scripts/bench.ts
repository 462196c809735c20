/**
 * `npm run bench -- --rows N [--k 10,100,1000,10000] [--repeat 5]` (default 1,000,000 rows): measures the checksum assertion on
 * a real PostgreSQL server at BENCH_POSTGRES_URL (else TEST_POSTGRES_URL). It creates a source table of N rows × 10
 * columns of mixed types (primary key on `id`; `ref` is a text key such as V000000042) in a throwaway database, and
 * two copies: `dw` with a primary key and `dw_heap` without any index (as warehouse fact tables often are). It
 * prints one line per measurement:
 * - the checksum scan and a hand-written floor query (one MD5 per row over its columns) on the same table, and
 *   their ratio;
 * - the whole assertion (both sides at once, as a run does it): "one checksum pass";
 * - for each copy and each k injected differences (a third changed, a third missing, a third extra): time to locate
 *   and its ratio to one checksum pass, by the integer key `id`, and on the copy without an index also by the two
 *   integer columns (id, qty) and by the text key `ref`; the bucketing that ran, scans per side, queries, rows
 *   fetched into Node (bucket rows and key rows) against the bound 2 × (first-level buckets) + 64 × k, and
 *   whether the counts are exact;
 * - peak RSS of this process, and the RSS once its modules were loaded, before any query.
 * `npm run bench` compiles this script and the tool with tsc (into build/bench) and runs it with node, so memory is
 * the tool's as installed, not tsx's (which adds ~100 MB of its own). The database is dropped at the end. Figures
 * depend on the machine; nothing here is asserted.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { firstLevelBuckets } from '../src/checksum/hash-buckets.js'
import { KeyMasker } from '../src/results/key-mask.js'
import type { ConnectionConfig } from '../src/config/types.js'
import { ConnectionSet } from '../src/connections/connection.js'
import { loadDefinitions } from '../src/check-kinds/load-definitions.js'
import type { CheckDefinition } from '../src/definitions/types.js'
import { prepareCheck, runCheck } from '../src/runner/run-check.js'

const args = process.argv.slice(2)
const rowsArg = args.indexOf('--rows')
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000
const kArg = args.indexOf('--k')
const KS = (kArg >= 0 ? (args[kArg + 1] ?? '') : '10,100,1000,10000').split(',').map(Number)
/** The row budget of the benchmark's definitions: large enough that k = 10,000 is located exactly. */
const MAX_ROWS_FETCHED = 2_000_000
const repeatArg = args.indexOf('--repeat')
/** Runs of the checksum scan, the floor and the assertion; the fastest counts (`--repeat`, default 5). */
const REPEAT = repeatArg >= 0 ? Number(args[repeatArg + 1]) : 5
const serverUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL

const line = (what: string, figures: Record<string, string | number>) =>
  console.log(
    `${what.padEnd(28)} ${Object.entries(figures)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  )

async function exec(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

const TABLE = (name: string, key = ' PRIMARY KEY') => `CREATE TABLE ${name} (
  id bigint${key}, ref text, qty integer, amount numeric(12,2), ratio double precision, name text,
  born date, changed_at timestamp, seen_at timestamptz, active boolean)`

async function best<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let ms = Infinity
  let value: T | undefined
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now()
    value = await run()
    ms = Math.min(ms, performance.now() - t0)
  }
  return { ms: Math.round(ms), value: value as T }
}

async function main(): Promise<void> {
  const loadedMB = Math.round(process.resourceUsage().maxRSS / 1024)
  if (!serverUrl || !Number.isInteger(ROWS) || ROWS < 1000 || !Number.isInteger(REPEAT) || REPEAT < 1) {
    console.error(
      'usage: BENCH_POSTGRES_URL=postgres://… npm run bench -- --rows N [--k 10,100] [--repeat R]   (N ≥ 1000, R ≥ 1; falls back to TEST_POSTGRES_URL)',
    )
    process.exitCode = 2
    return
  }
  const database = `bench_${randomBytes(4).toString('hex')}`
  await exec(serverUrl, `CREATE DATABASE ${database}`)
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reconcile-bench-'))
  const config = (name: string): ConnectionConfig => ({
    name,
    dialect: 'postgres',
    url: url.href,
    port: 5432,
    ssl: 'disable',
    statementTimeoutMs: 3_600_000,
    maxConcurrentQueries: 2,
    retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 },
  })
  const connections = new ConnectionSet(
    new Map([
      ['src', config('src')],
      ['dw', config('dw')],
    ]),
  )
  try {
    const t0 = performance.now()
    await exec(
      url.href,
      `${TABLE('src')};
      INSERT INTO src SELECT i, 'V' || lpad(CAST(i AS text), 9, '0'), (i * 7) % 1000, ((i * 37) % 100000) / 100.0, i / 7.0,
        'namn ' || i || CASE WHEN i % 3 = 0 THEN ' åäö' ELSE '' END,
        DATE '1940-01-01' + (i % 30000), TIMESTAMP '2020-01-01' + i * INTERVAL '1.000001 second',
        TIMESTAMPTZ '2020-01-01 00:00:00+01' + i * INTERVAL '1 minute', i % 2 = 0
      FROM generate_series(1, ${ROWS}) AS g(i);
      ${TABLE('dw')}; INSERT INTO dw SELECT * FROM src;
      ${TABLE('dw_heap', '')}; INSERT INTO dw_heap SELECT * FROM src;`,
    )
    // As a production table would be: hint bits set and the visibility map built, so no scan pays for that.
    await exec(url.href, 'VACUUM ANALYZE src')
    await exec(url.href, 'VACUUM ANALYZE dw')
    await exec(url.href, 'VACUUM ANALYZE dw_heap')
    line('setup', { rows: ROWS, columns: 10, seconds: ((performance.now() - t0) / 1000).toFixed(1) })

    const yaml = (id: string, target: string, key: string) => `id: ${id}
title: ${id}
description: benchmark
owner: bench
severity: low
source: { connection: src, table: public.src }
target: { connection: dw, table: public.${target} }
columns: [id, ref, qty, amount, ratio, name, born, changed_at, seen_at, active]
key: [${key}]
assertions:
  - kind: checksum
    max_rows_fetched: ${MAX_ROWS_FETCHED}
`
    // The copy with a primary key and the copy without any index, by the integer key; the copy without an index
    // also by a key of two integer columns and by a text key (located by the MD5 of the key).
    const cases = [
      { id: 'bench', target: 'dw', key: 'id', label: 'dw' },
      { id: 'bench-heap', target: 'dw_heap', key: 'id', label: 'dw_heap' },
      { id: 'bench-pair', target: 'dw_heap', key: 'id, qty', label: 'dw_heap (id, qty)' },
      { id: 'bench-text', target: 'dw_heap', key: 'ref', label: 'dw_heap ref (text)' },
    ] as const
    for (const c of cases) await writeFile(path.join(dir, `${c.id}.yaml`), yaml(c.id, c.target, c.key))
    const { definitions, issues } = await loadDefinitions(dir, new Set(['src', 'dw']))
    if (issues.length > 0) throw new Error(JSON.stringify(issues))
    const byId = (id: string) => definitions.find((d) => d.id === id) as CheckDefinition
    const definition = byId('bench')
    const context = {
      runId: 'bench',
      connections,
      timezone: 'Europe/Stockholm',
      now: () => new Date(),
      keyMasker: () => KeyMasker.withSecret('bench-secret-bench-secret-bench-secret'),
    }
    const prepared = await prepareCheck(definition, context)
    const src = connections.get('src')
    // The floor: one scan computing one MD5 per row over its columns, written by hand.
    const floorSql = `SELECT count(*), sum(length(md5(concat_ws('|', id, ref, qty, amount, ratio, name, born, changed_at, seen_at, active)))) FROM src`
    for (let round = 0; round < 2; round++) {
      const scan = await best(() => src.query(prepared.source.profile))
      const floor = await best(() => src.query([floorSql]))
      line('checksum scan vs floor', {
        checksum_ms: scan.ms,
        floor_ms: floor.ms,
        ratio: (scan.ms / floor.ms).toFixed(2),
      })
    }
    const pass = await best(() => runCheck(definition, context))
    line('checksum assertion (2 sides)', { ms: pass.ms, status: pass.value[0]?.status ?? '?' })

    const firstLevel = firstLevelBuckets(2 * ROWS, {
      segmentRows: 64,
      maxRowsFetched: MAX_ROWS_FETCHED,
      maxDurationMs: 0,
      now: () => 0,
    })
    for (const target of ['dw', 'dw_heap'] as const) {
      for (const k of KS) {
        const changed = Math.ceil(k / 3)
        const missing = Math.floor(k / 3)
        const added = k - changed - missing
        // Distinct ids: a multiplier coprime with ROWS spreads them over the table without repeats.
        await exec(
          url.href,
          `TRUNCATE ${target}; INSERT INTO ${target} SELECT * FROM src;
          UPDATE ${target} SET name = name || 'Ã¥' WHERE id IN (SELECT 1 + (g * 7919) % ${ROWS} FROM generate_series(1, ${changed}) AS g);
          DELETE FROM ${target} WHERE id IN (SELECT 1 + (g * 7919) % ${ROWS} FROM generate_series(${changed + 1}, ${changed + missing}) AS g);
          INSERT INTO ${target} SELECT id + ${ROWS * 2}, 'X' || ref, qty, amount, ratio, name, born, changed_at, seen_at, active FROM src
            WHERE id <= ${added};`,
        )
        await exec(url.href, `VACUUM ANALYZE ${target}`)
        for (const { id, label } of cases.filter((c) => c.target === target)) {
          const t = performance.now()
          const [result] = await runCheck(byId(id), context)
          const totalMs = Math.round(performance.now() - t)
          const c = result?.details?.checksum
          const fetched = (c?.segmentRowsFetched ?? 0) + (c?.keyRowsFetched ?? 0)
          const exact = c?.changed === changed && c?.missing === missing && c?.extra === added
          line(`locate ${label} k=${k}`, {
            bucketing: c?.bucketing ?? '?',
            status: result?.status ?? '?',
            found: `${c?.missing ?? 0}m/${c?.extra ?? 0}x/${c?.changed ?? 0}c`,
            exact: String(exact),
            check_ms: totalMs,
            locate_ms: c?.durationMs ?? 0,
            vs_pass: ((c?.durationMs ?? 0) / pass.ms).toFixed(2),
            scans: `${c?.scans?.source ?? 0}/${c?.scans?.target ?? 0}`,
            queries: c?.queries ?? 0,
            bucket_rows: c?.segmentRowsFetched ?? 0,
            key_rows: c?.keyRowsFetched ?? 0,
            bound: 2 * firstLevel + 64 * k,
            within: String(fetched <= 2 * firstLevel + 64 * k),
            complete: String(c?.complete ?? false),
          })
        }
      }
    }
    line('peak RSS', { MB: Math.round(process.resourceUsage().maxRSS / 1024), after_loading_MB: loadedMB })
  } finally {
    await connections.close()
    await rm(dir, { recursive: true, force: true })
    await exec(serverUrl, `DROP DATABASE IF EXISTS ${database}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
