import {
  Page,
  SyncActivity,
  SyncActivityAction,
  SyncFieldChange,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { toIso } from './timestamps';

type ActivityRow = {
  id: number;
  sync_id: string;
  at: string | Date;
  actor: string;
  action: SyncActivityAction;
  changes: string | null;
  run_id: number | null;
};

/** One entry to record; the store numbers it. */
export interface NewSyncActivity {
  syncId: string;
  at: string;
  actor: string;
  action: SyncActivityAction;
  changes?: SyncFieldChange[];
  runId?: number;
}

/**
 * Each sync's activity (`sync_activity`): what people did to it. Entries are written in the transaction of
 * the change they record, so the history never shows a change that did not happen, nor misses one.
 */
export class ActivityStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new ActivityStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async record(entry: NewSyncActivity, tx?: Knex.Transaction): Promise<void> {
    await (tx ?? this.#db)('sync_activity').insert({
      sync_id: entry.syncId,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      changes: entry.changes ? JSON.stringify(entry.changes) : null,
      run_id: entry.runId ?? null,
    });
  }

  /** Newest first. */
  async list(
    syncId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<SyncActivity>> {
    const [rows, [{ n }]] = await Promise.all([
      this.#db<ActivityRow>('sync_activity')
        .where({ sync_id: syncId })
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset),
      this.#db('sync_activity').where({ sync_id: syncId }).count({ n: '*' }),
    ]);
    return {
      items: rows.map(toActivity),
      totalCount: Number(n),
      limit: page.limit,
      offset: page.offset,
    };
  }
}

function toActivity(row: ActivityRow): SyncActivity {
  return {
    id: row.id,
    syncId: row.sync_id,
    at: toIso(row.at),
    actor: row.actor,
    action: row.action,
    changes: row.changes ? JSON.parse(row.changes) : null,
    runId: row.run_id,
  };
}
