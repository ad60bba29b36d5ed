import {
  AudienceSync,
  FieldMapping,
  Page,
  RunStatus,
  RunTrigger,
  SyncRun,
  SyncRunDetail,
  SyncRunError,
  SyncStatus,
} from '@internal/plugin-audience-syncs-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';
import { RunRow, toRun } from './runRows';
import { nowIso, toIso, toIsoOrNull } from './timestamps';

/** The query a permission condition on syncs turns into (the "is owner" rule). */
export type SyncOwnerQuery = { owners: string[] };

export interface SyncListFilter {
  audienceId?: string;
  destinationId?: string;
  status?: SyncStatus;
  search?: string;
  /** Conditions of the caller's conditional read permission. */
  permission?: PermissionCriteria<SyncOwnerQuery>;
}

type SyncRow = {
  id: string;
  name: string;
  audience_id: string;
  destination_id: string;
  object_id: string;
  object_name: string;
  mode: AudienceSync['mode'];
  identifier_entity_key: AudienceSync['identifier']['entityKey'];
  identifier_field: string;
  field_mappings: string;
  schedule_type: AudienceSync['schedule']['type'];
  schedule_cron: string | null;
  schedule_timezone: string | null;
  status: SyncStatus;
  owner: string;
  created_by: string;
  updated_by: string;
  created_at: string | Date;
  updated_at: string | Date;
  last_synced_at: string | Date | null;
  next_run_at: string | Date | null;
};

/** Runs that still have work ahead of them; a sync has at most one. */
export const OPEN_RUN_STATUSES: RunStatus[] = ['queued', 'running', 'held'];

/** Syncs, their runs and error samples, and ledger resets. */
export class SyncStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new SyncStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async insertSync(sync: AudienceSync): Promise<void> {
    await this.#db('syncs').insert(toSyncRow(sync));
  }

  async getSync(id: string): Promise<AudienceSync | undefined> {
    const row = await this.#db<SyncRow>('syncs').where({ id }).first();
    return row && toSync(row);
  }

  async getSyncs(ids: string[]): Promise<AudienceSync[]> {
    const rows = await this.#db<SyncRow>('syncs').whereIn('id', ids);
    return rows.map(toSync);
  }

  async listSyncs(
    filter: SyncListFilter,
    page: { limit: number; offset: number },
  ): Promise<Page<AudienceSync>> {
    const query = this.#db<SyncRow>('syncs');
    if (filter.audienceId) query.where('audience_id', filter.audienceId);
    if (filter.destinationId) {
      query.where('destination_id', filter.destinationId);
    }
    if (filter.status) query.where('status', filter.status);
    if (filter.search) {
      const term = `%${filter.search.toLocaleLowerCase('en-US')}%`;
      query.where(inner =>
        inner
          .whereRaw('lower(name) like ?', [term])
          .orWhereRaw('lower(object_name) like ?', [term]),
      );
    }
    if (filter.permission) {
      query.where(inner => applyOwnerCriteria(inner, filter.permission!));
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(page.limit)
      .offset(page.offset);
    return {
      items: rows.map(toSync),
      totalCount: Number(count),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** Writes the changed sync; `resetLedger` forgets what the sync put in its previous object. */
  async updateSync(
    sync: AudienceSync,
    options: { resetLedger: boolean },
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      const { id, created_at, created_by, ...changes } = toSyncRow(sync);
      await tx('syncs').where({ id }).update(changes);
      if (options.resetLedger) {
        await tx('sync_members').where({ sync_id: id }).delete();
      }
    });
  }

  /** Removes the sync, its runs and its ledger. Destination members are not touched. */
  async deleteSync(id: string): Promise<void> {
    await this.#db.transaction(async tx => {
      await tx('sync_run_errors')
        .whereIn('run_id', tx('sync_runs').select('id').where({ sync_id: id }))
        .delete();
      await tx('sync_runs').where({ sync_id: id }).delete();
      await tx('sync_members').where({ sync_id: id }).delete();
      await tx('syncs').where({ id }).delete();
    });
  }

  /** Queues a run, or returns undefined when the sync already has an open run. */
  async queueRun(
    syncId: string,
    trigger: RunTrigger,
  ): Promise<SyncRun | undefined> {
    let inserted;
    try {
      [inserted] = await this.#db('sync_runs')
        .insert({
          sync_id: syncId,
          trigger,
          status: 'queued',
          queued_at: nowIso(),
        })
        .returning('id');
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    const row = await this.#db<RunRow>('sync_runs').where({ id }).first();
    return toRun(row!);
  }

  async findOpenRun(syncId: string): Promise<SyncRun | undefined> {
    const row = await this.#db<RunRow>('sync_runs')
      .where({ sync_id: syncId })
      .whereIn('status', OPEN_RUN_STATUSES)
      .orderBy('id', 'desc')
      .first();
    return row && toRun(row);
  }

  async countRuns(syncId: string): Promise<number> {
    const [{ count }] = await this.#db('sync_runs')
      .where({ sync_id: syncId })
      .count({ count: '*' });
    return Number(count);
  }

  async listRuns(
    syncId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<SyncRun>> {
    const rows = await this.#db<RunRow>('sync_runs')
      .where({ sync_id: syncId })
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset);
    return {
      items: rows.map(toRun),
      totalCount: await this.countRuns(syncId),
      limit: page.limit,
      offset: page.offset,
    };
  }

  async getRun(
    syncId: string,
    runId: number,
  ): Promise<SyncRunDetail | undefined> {
    const row = await this.#db<RunRow>('sync_runs')
      .where({ sync_id: syncId, id: runId })
      .first();
    if (!row) return undefined;
    const errors = await this.#db('sync_run_errors')
      .where({ run_id: runId })
      .orderBy('id');
    return {
      ...toRun(row),
      errors: errors.map(
        (e): SyncRunError => ({
          memberKey: e.member_key,
          operation: e.operation,
          code: e.code,
          message: e.message,
          retryable: Boolean(e.retryable),
        }),
      ),
    };
  }

  /** Releases a run the removal guard held: it goes back to the queue, approved. */
  async releaseHeldRun(runId: number, approvedBy: string): Promise<boolean> {
    const updated = await this.#db('sync_runs')
      .where({ id: runId, status: 'held' })
      .update({
        status: 'queued',
        approved_by: approvedBy,
        approved_at: nowIso(),
      });
    return updated === 1;
  }

  /** Pausing stops work that has not started; a run in progress finishes. */
  async cancelQueuedRuns(syncId: string): Promise<number> {
    return this.#db('sync_runs')
      .where({ sync_id: syncId, status: 'queued' })
      .update({ status: 'cancelled', finished_at: nowIso() });
  }

  async countLedger(syncId: string): Promise<number> {
    const [{ count }] = await this.#db('sync_members')
      .where({ sync_id: syncId })
      .count({ count: '*' });
    return Number(count);
  }
}

function applyOwnerCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<SyncOwnerQuery>,
): Knex.QueryBuilder {
  if ('allOf' in criteria) {
    for (const c of criteria.allOf) {
      query.andWhere(q => applyOwnerCriteria(q, c));
    }
    return query;
  }
  if ('anyOf' in criteria) {
    for (const c of criteria.anyOf) {
      query.orWhere(q => applyOwnerCriteria(q, c));
    }
    return query;
  }
  if ('not' in criteria) {
    return query.whereNot(q => applyOwnerCriteria(q, criteria.not));
  }
  return query.whereIn('owner', criteria.owners);
}

function toSyncRow(sync: AudienceSync): SyncRow {
  return {
    id: sync.id,
    name: sync.name,
    audience_id: sync.audienceId,
    destination_id: sync.destinationId,
    object_id: sync.object.id,
    object_name: sync.object.name,
    mode: sync.mode,
    identifier_entity_key: sync.identifier.entityKey,
    identifier_field: sync.identifier.field,
    field_mappings: JSON.stringify(sync.fieldMappings),
    schedule_type: sync.schedule.type,
    schedule_cron: sync.schedule.cron ?? null,
    schedule_timezone: sync.schedule.timezone ?? null,
    status: sync.status,
    owner: sync.owner,
    created_by: sync.createdBy,
    updated_by: sync.updatedBy,
    created_at: sync.createdAt,
    updated_at: sync.updatedAt,
    last_synced_at: sync.lastSyncedAt,
    next_run_at: sync.nextRunAt,
  };
}

function toSync(row: SyncRow): AudienceSync {
  return {
    id: row.id,
    name: row.name,
    audienceId: row.audience_id,
    destinationId: row.destination_id,
    object: { id: row.object_id, name: row.object_name },
    mode: row.mode,
    identifier: {
      entityKey: row.identifier_entity_key,
      field: row.identifier_field,
    },
    fieldMappings: JSON.parse(row.field_mappings) as FieldMapping[],
    schedule: {
      type: row.schedule_type,
      ...(row.schedule_cron ? { cron: row.schedule_cron } : {}),
      ...(row.schedule_timezone ? { timezone: row.schedule_timezone } : {}),
    },
    status: row.status,
    owner: row.owner,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIso(row.updated_at),
    lastSyncedAt: toIsoOrNull(row.last_synced_at),
    nextRunAt: toIsoOrNull(row.next_run_at),
  };
}
