import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StoreQueries } from '../../src/store/store-queries.js'
import { openStoreForReading } from '../../src/store/open-for-reading.js'
import { niceTicks } from '../../src/web/chart.js'
import { basicAuthFromEnv, type Dashboard, startDashboard } from '../../src/web/server.js'
import { availableEngines } from '../support/engines.js'
import { type SmallStore, smallStore } from '../evidence/small-store.js'

const pglite = availableEngines().find((e) => e.name === 'pglite')

describe('dashboard settings', () => {
  it('takes basic auth from both variables or neither', () => {
    expect(basicAuthFromEnv({})).toBeUndefined()
    expect(basicAuthFromEnv({ RECONCILE_DASHBOARD_USER: 'a', RECONCILE_DASHBOARD_PASSWORD: 'b' })).toEqual({
      user: 'a',
      password: 'b',
    })
    expect(() => basicAuthFromEnv({ RECONCILE_DASHBOARD_USER: 'a' })).toThrow(
      /set both RECONCILE_DASHBOARD_USER and RECONCILE_DASHBOARD_PASSWORD/,
    )
  })

  it('puts chart ticks on round numbers', () => {
    expect(niceTicks(249_411, 250_000).ticks).toEqual([249_400, 249_600, 249_800, 250_000])
    expect(niceTicks(5, 5).ticks).toEqual([3, 4, 5, 6, 7])
  })
})

describe.skipIf(pglite === undefined)('the read-only dashboard server', () => {
  let small: SmallStore
  let queries: StoreQueries
  let open: Dashboard
  let locked: Dashboard

  beforeAll(async () => {
    if (pglite === undefined) return
    small = await smallStore(pglite, 8)
    await small.runAt('2026-03-02T02:15:00Z')
    queries = new StoreQueries(await openStoreForReading(small.config.store))
    const definitions = await small.definitions()
    const now = () => new Date('2026-03-02T08:00:00Z')
    open = await startDashboard({ config: small.config, definitions, queries, port: 0, now })
    locked = await startDashboard({
      config: small.config,
      definitions,
      queries,
      port: 0,
      now,
      auth: { user: 'revisor', password: 'hemligt' },
    })
  })
  afterAll(async () => {
    await open?.close()
    await locked?.close()
    await queries?.close()
    await small?.cleanup()
  })

  it('listens on 127.0.0.1 by default and redirects / to the configured language', async () => {
    expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const response = await fetch(open.url, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/sv/')
  })

  it('serves the verdict with a strict content security policy', async () => {
    const response = await fetch(`${open.url}en/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    const body = await response.text()
    expect(body).toContain('<h1>Differences found</h1>')
    expect(body).not.toContain('<script')
  })

  it('escapes values from definitions on every page', async () => {
    const body = await (await fetch(`${open.url}sv/checks/orders`)).text()
    expect(body).toContain('Orders &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(body).not.toContain('<script>')
    const unknown = await fetch(`${open.url}sv/checks/%3Cimg%20src%3Dx%3E`)
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('Ingen kontroll med id &quot;&lt;img src=x&gt;&quot;.')
  })

  it('rejects every method but GET and HEAD with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${open.url}sv/`, { method })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('GET, HEAD')
    }
    expect((await fetch(`${open.url}sv/runs`, { method: 'HEAD' })).status).toBe(200)
  })

  it('asks for basic auth when credentials are configured', async () => {
    const anonymous = await fetch(`${locked.url}sv/`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic')
    const wrong = await fetch(`${locked.url}sv/`, {
      headers: { authorization: `Basic ${Buffer.from('revisor:fel').toString('base64')}` },
    })
    expect(wrong.status).toBe(401)
    const right = await fetch(`${locked.url}sv/`, {
      headers: { authorization: `Basic ${Buffer.from('revisor:hemligt').toString('base64')}` },
    })
    expect(right.status).toBe(200)
  })

  it('answers 404 for an unknown page and run', async () => {
    expect((await fetch(`${open.url}sv/nothing`)).status).toBe(404)
    expect((await fetch(`${open.url}en/runs/unknown`)).status).toBe(404)
    expect((await fetch(`${open.url}robots.txt`)).status).toBe(404)
  })
})
