import type { Kysely } from 'kysely'
import type { StoreDatabase } from './schema.js'

/** One slot of a schedule to claim. */
export interface SlotClaim {
  readonly schedule: string
  /** Local wall-clock time of the cron match, `YYYY-MM-DDTHH:MM`. */
  readonly slot: string
  /** The instant the slot is due (ISO 8601 UTC). */
  readonly dueAt: string
  readonly claimedBy: string
  readonly claimedAt: string
}

/** A claimed slot whose run has not finished. */
export interface UnfinishedClaim {
  readonly schedule: string
  readonly slot: string
  /** When it was claimed, i.e. when its run (or its wait for the load) began (ISO 8601 UTC). */
  readonly claimedAt: string
  readonly claimedBy: string
}

/** How a claimed slot ended. */
export type ClaimEnd = 'done' | 'aborted' | 'released'

/**
 * Claims of scheduled slots, in the manner of graphile-worker's cron: a slot is inserted with
 * `on conflict … do update … where status = 'released' returning`, so exactly one daemon gets a row back and runs
 * it. A slot given back before anything ran (`released`) may be claimed again; `done` and `aborted` slots never.
 */
export class ClaimStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /** Tries to claim a slot; true when this caller owns it now. */
  async claim(claim: SlotClaim): Promise<boolean> {
    const row = await this.db
      .insertInto('reconcile_schedule_claims')
      .values({
        schedule: claim.schedule,
        slot: claim.slot,
        due_at: claim.dueAt,
        claimed_at: claim.claimedAt,
        claimed_by: claim.claimedBy,
        status: 'claimed',
      })
      .onConflict((oc) =>
        oc
          .columns(['schedule', 'slot'])
          .doUpdateSet((eb) => ({
            claimed_at: eb.ref('excluded.claimed_at'),
            claimed_by: eb.ref('excluded.claimed_by'),
            status: 'claimed',
            note: null,
          }))
          .where('reconcile_schedule_claims.status', '=', 'released'),
      )
      .returning('slot')
      .executeTakeFirst()
    return row !== undefined
  }

  /** Whether a slot has been claimed (in any state but `released`). */
  async isTaken(schedule: string, slot: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('reconcile_schedule_claims')
      .select('status')
      .where('schedule', '=', schedule)
      .where('slot', '=', slot)
      .executeTakeFirst()
    return row !== undefined && row.status !== 'released'
  }

  /** Records how a claimed slot ended, with the run it produced and a short note. */
  async finish(
    schedule: string,
    slot: string,
    end: { status: ClaimEnd; at: string; runId?: string; note?: string },
  ): Promise<void> {
    await this.db
      .updateTable('reconcile_schedule_claims')
      .set({ status: end.status, finished_at: end.at, run_id: end.runId ?? null, note: end.note ?? null })
      .where('schedule', '=', schedule)
      .where('slot', '=', slot)
      .execute()
  }

  /**
   * Slots of `schedules` due in `[dueFrom, dueTo]` (ISO 8601) that are claimed and not yet finished: a run in
   * progress on some daemon (or one whose daemon died mid-run). Oldest first.
   */
  async unfinished(schedules: readonly string[], dueFrom: string, dueTo: string): Promise<UnfinishedClaim[]> {
    if (schedules.length === 0) return []
    const rows = await this.db
      .selectFrom('reconcile_schedule_claims')
      .select(['schedule', 'slot', 'claimed_at', 'claimed_by'])
      .where('schedule', 'in', [...schedules])
      .where('status', '=', 'claimed')
      .where('due_at', '>=', new Date(dueFrom))
      .where('due_at', '<=', new Date(dueTo))
      .orderBy('due_at')
      .execute()
    return rows.map((r) => ({
      schedule: r.schedule,
      slot: r.slot,
      claimedAt: new Date(r.claimed_at).toISOString(),
      claimedBy: r.claimed_by,
    }))
  }

  /** Claims, newest first (for tests and diagnostics). */
  async list(schedule?: string) {
    let query = this.db.selectFrom('reconcile_schedule_claims').selectAll().orderBy('due_at', 'desc')
    if (schedule !== undefined) query = query.where('schedule', '=', schedule)
    return query.execute()
  }
}
