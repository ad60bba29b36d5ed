import { Knex } from 'knex';

/** A sync that runs after each evaluation, and the snapshot of its audience it has not answered yet. */
export interface PendingSnapshot {
  syncId: string;
  /** The snapshot the sync last answered; null when its audience had none then. */
  followed: number | null;
  /** The audience's current snapshot. */
  current: number;
}

const FOLLOWING = { schedule_type: 'after_evaluation' };
const SCHEDULED_STATUSES = ['active', 'errored'];

/**
 * The snapshot each sync that runs after each evaluation last answered (`syncs.followed_evaluation_id`).
 * A sync has a pending snapshot when its audience's current snapshot is another one; moving the column on
 * with a conditional update is what lets one instance, and only one, queue the run for it.
 */
export class FollowedEvaluationStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new FollowedEvaluationStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * The sync answers its audience's snapshots from now: the current one counts as answered. Read in the
   * same statement that writes it, so a snapshot switching meanwhile is either before or after.
   */
  async followFromNow(syncId: string, tx: Knex.Transaction): Promise<void> {
    await tx('syncs')
      .where({ id: syncId })
      .update({
        followed_evaluation_id: tx('audience_snapshots')
          .select('evaluation_id')
          .where('audience_id', tx.ref('syncs.audience_id')),
      });
  }

  /** Active and errored syncs that run after each evaluation and whose audience has a newer snapshot. */
  async listPending(): Promise<PendingSnapshot[]> {
    const rows: Array<{
      id: string;
      followed_evaluation_id: number | null;
      evaluation_id: number;
    }> = await this.#db('syncs')
      .join(
        'audience_snapshots',
        'audience_snapshots.audience_id',
        'syncs.audience_id',
      )
      .where(FOLLOWING)
      .whereIn('syncs.status', SCHEDULED_STATUSES)
      .where(q =>
        q
          .whereNull('syncs.followed_evaluation_id')
          .orWhere(
            'syncs.followed_evaluation_id',
            '<>',
            this.#db.ref('audience_snapshots.evaluation_id'),
          ),
      )
      .select(
        'syncs.id',
        'syncs.followed_evaluation_id',
        'audience_snapshots.evaluation_id',
      );
    return rows.map(row => ({
      syncId: row.id,
      followed:
        row.followed_evaluation_id === null
          ? null
          : Number(row.followed_evaluation_id),
      current: Number(row.evaluation_id),
    }));
  }

  /**
   * Marks the pending snapshot answered, only if the sync still runs after each evaluation, is not
   * paused, and still followed what was read: of several instances that saw it, one moves it.
   */
  async answer(
    pending: PendingSnapshot,
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const query = tx('syncs')
      .where({ id: pending.syncId, ...FOLLOWING })
      .whereIn('status', SCHEDULED_STATUSES);
    if (pending.followed === null) query.whereNull('followed_evaluation_id');
    else query.where({ followed_evaluation_id: pending.followed });
    const moved = await query.update({
      followed_evaluation_id: pending.current,
    });
    return moved === 1;
  }
}
