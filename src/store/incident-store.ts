import type { Kysely, Selectable } from 'kysely'
import type { FailingAssertion, IncidentsTable, StoreDatabase } from './schema.js'

/** An incident as the code sees it. Times are ISO 8601 UTC text. */
export interface IncidentRecord {
  readonly incidentId: string
  readonly checkId: string
  readonly status: 'open' | 'resolved'
  readonly openedAt: string
  readonly lastSeenAt: string
  readonly resolvedAt: string | null
  readonly openedRunId: string
  readonly lastRunId: string
  readonly resolvedRunId: string | null
  readonly occurrences: number
  readonly worstStatus: 'fail' | 'error'
  readonly lastStatus: 'fail' | 'error'
  readonly failing: readonly FailingAssertion[]
  readonly summary: string
  readonly definitionHash: string
  readonly vendorTicket: boolean
  readonly lastNotifiedAt: string
  readonly reminders: number
}

function toRecord(row: Selectable<IncidentsTable>): IncidentRecord {
  const iso = (d: Date) => new Date(d).toISOString()
  return {
    incidentId: row.incident_id,
    checkId: row.check_id,
    status: row.status as IncidentRecord['status'],
    openedAt: iso(row.opened_at),
    lastSeenAt: iso(row.last_seen_at),
    resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
    openedRunId: row.opened_run_id,
    lastRunId: row.last_run_id,
    resolvedRunId: row.resolved_run_id,
    occurrences: row.occurrences,
    worstStatus: row.worst_status as IncidentRecord['worstStatus'],
    lastStatus: row.last_status as IncidentRecord['lastStatus'],
    failing: row.failing,
    summary: row.summary,
    definitionHash: row.definition_hash,
    vendorTicket: row.vendor_ticket,
    lastNotifiedAt: iso(row.last_notified_at),
    reminders: row.reminders,
  }
}

/** Reads and writes `reconcile_incidents`; every state change is conditional, so two writers never both win. */
export class IncidentStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /** Open incidents, oldest first. */
  async open(): Promise<IncidentRecord[]> {
    const rows = await this.db
      .selectFrom('reconcile_incidents')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('opened_at')
      .execute()
    return rows.map(toRecord)
  }

  /** Incidents, newest first: all, or only one check's, or only those open. */
  async list(filter: { check?: string; openOnly?: boolean; limit?: number } = {}): Promise<IncidentRecord[]> {
    let query = this.db
      .selectFrom('reconcile_incidents')
      .selectAll()
      .orderBy('opened_at', 'desc')
      .limit(filter.limit ?? 200)
    if (filter.check !== undefined) query = query.where('check_id', '=', filter.check)
    if (filter.openOnly === true) query = query.where('status', '=', 'open')
    return (await query.execute()).map(toRecord)
  }

  /** Opens an incident unless the check already has an open one; returns whether this call opened it. */
  async insertOpen(incident: IncidentRecord): Promise<boolean> {
    const inserted = await this.db
      .insertInto('reconcile_incidents')
      .values({
        incident_id: incident.incidentId,
        check_id: incident.checkId,
        status: 'open',
        opened_at: incident.openedAt,
        last_seen_at: incident.lastSeenAt,
        opened_run_id: incident.openedRunId,
        last_run_id: incident.lastRunId,
        occurrences: incident.occurrences,
        worst_status: incident.worstStatus,
        last_status: incident.lastStatus,
        failing: JSON.stringify(incident.failing),
        summary: incident.summary,
        definition_hash: incident.definitionHash,
        vendor_ticket: incident.vendorTicket,
        last_notified_at: incident.lastNotifiedAt,
      })
      .onConflict((oc) => oc.column('check_id').where('status', '=', 'open').doNothing())
      .returning('incident_id')
      .executeTakeFirst()
    return inserted !== undefined
  }

  /** Records another failing run of an open incident. */
  async recordOccurrence(
    incidentId: string,
    seen: {
      runId: string
      at: string
      status: 'fail' | 'error'
      failing: readonly FailingAssertion[]
      summary: string
      definitionHash: string
    },
  ): Promise<boolean> {
    const updated = await this.db
      .updateTable('reconcile_incidents')
      .set((eb) => ({
        last_seen_at: seen.at,
        last_run_id: seen.runId,
        last_status: seen.status,
        worst_status: seen.status === 'error' ? 'error' : eb.ref('worst_status'),
        occurrences: eb('occurrences', '+', 1),
        failing: JSON.stringify(seen.failing),
        summary: seen.summary,
        definition_hash: seen.definitionHash,
      }))
      .where('incident_id', '=', incidentId)
      .where('status', '=', 'open')
      .where('last_run_id', '<>', seen.runId)
      .returning('incident_id')
      .executeTakeFirst()
    return updated !== undefined
  }

  /** Resolves an open incident; false when another process resolved it first. */
  async resolve(incidentId: string, resolved: { runId: string; at: string }): Promise<boolean> {
    const updated = await this.db
      .updateTable('reconcile_incidents')
      .set({ status: 'resolved', resolved_at: resolved.at, resolved_run_id: resolved.runId })
      .where('incident_id', '=', incidentId)
      .where('status', '=', 'open')
      .returning('incident_id')
      .executeTakeFirst()
    return updated !== undefined
  }

  /** Marks a reminder as sent, only if nobody else reminded since `previous` (the last_notified_at read). */
  async markReminded(incidentId: string, previous: string, at: string): Promise<boolean> {
    const updated = await this.db
      .updateTable('reconcile_incidents')
      .set((eb) => ({ last_notified_at: at, reminders: eb('reminders', '+', 1) }))
      .where('incident_id', '=', incidentId)
      .where('status', '=', 'open')
      .where('last_notified_at', '=', new Date(previous))
      .returning('incident_id')
      .executeTakeFirst()
    return updated !== undefined
  }
}
