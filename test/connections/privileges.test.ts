import { describe, expect, it } from 'vitest'
import { tablesByConnection } from '../../src/connections/privileges.js'
import type { ScheduleConfig } from '../../src/config/types.js'

const schedule = (loadConnection?: string): ScheduleConfig => ({
  runs:
    loadConnection === undefined
      ? []
      : [
          {
            name: 'nightly',
            cron: '0 5 * * *',
            load: {
              connection: loadConnection,
              query: 'SELECT 1',
              pollIntervalMs: 1,
              deadlineMs: 1,
              maxAgeMs: 1,
              notifyVendor: false,
            },
          },
        ],
  catchUpMs: 0,
})

describe('tablesByConnection', () => {
  it('lists each connection once with its tables sorted and once each; query-only and load-wait connections with none', () => {
    const tables = tablesByConnection(
      [
        {
          source: { connection: 'cosmic', table: { schema: 'dbo', name: 'visit' } },
          target: { connection: 'ci', table: { schema: 'dw', name: 'visit' } },
        },
        {
          source: { connection: 'cosmic', table: { schema: 'dbo', name: 'diagnosis' } },
          target: { connection: 'ci', query: 'SELECT id FROM dw.diagnosis' },
        },
        {
          source: { connection: 'cosmic', table: { schema: 'dbo', name: 'visit' } },
          target: { connection: 'lab', query: 'SELECT id FROM lab.result' },
        },
      ],
      { schedule: schedule('loadlog') },
    )
    expect([...tables.entries()]).toEqual([
      ['ci', [{ schema: 'dw', name: 'visit' }]],
      [
        'cosmic',
        [
          { schema: 'dbo', name: 'diagnosis' },
          { schema: 'dbo', name: 'visit' },
        ],
      ],
      ['lab', []],
      ['loadlog', []],
    ])
  })

  it('is empty without definitions or load waits', () => {
    expect(tablesByConnection([], { schedule: schedule() }).size).toBe(0)
  })
})
