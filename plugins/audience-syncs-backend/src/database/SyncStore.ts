import {
  AudienceSync,
  FieldMapping,
  Page,
  AlertThresholds,
  RemovalGuardSettings,
  SyncStatus,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { Lease, StoredLease } from './Lease';
import { toIso, toIsoOrNull } from './timestamps';

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
  version: number;
  removal_guard_max_share: number | null;
  removal_guard_min_removals: number | null;
  alert_invalid_share: number | null;
  alert_row_count_swing: number | null;
};

/** What an edit writes: the configuration it changed, and the next run time when the schedule changed. */
export interface SyncConfigurationChange {
  name?: string;
  object?: AudienceSync['object'];
  mode?: AudienceSync['mode'];
  identifier?: AudienceSync['identifier'];
  fieldMappings?: AudienceSync['fieldMappings'];
  schedule?: AudienceSync['schedule'];
  owner?: string;
  nextRunAt?: string | null;
  /** Replaces the sync's own guard settings; a key left out is the default. */
  removalGuard?: RemovalGuardSettings;
  /** Replaces the sync's own alert thresholds; a key left out is the default. */
  alerts?: AlertThresholds;
}

/** Who made a change and when. */
export interface SyncChangeStamp {
  by: string;
  at: string;
}

const NO_LEASE = {
  lease_owner: null,
  lease_token: null,
  lease_expires_at: null,
  lease_seen_at: null,
};

/** The sync's row while `lease` holds it: its claim, unexpired at `now`. */
function heldNow(query: Knex.QueryBuilder, lease: Lease, now: string) {
  return query
    .where({
      id: lease.syncId,
      lease_owner: lease.owner,
      lease_token: lease.token,
    })
    .where('lease_expires_at', '>', now);
}

/**
 * Syncs (`syncs`): their configuration and status for the API, and for the engine their schedule and the
 * lease an instance holds while it runs one. Methods that take a transaction join the caller's.
 */
export class SyncStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new SyncStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async insertSync(sync: AudienceSync, tx?: Knex.Transaction): Promise<void> {
    await (tx ?? this.#db)('syncs').insert(toSyncRow(sync));
  }

  async getSync(
    id: string,
    tx?: Knex.Transaction,
  ): Promise<AudienceSync | undefined> {
    const row = await (tx ?? this.#db)<SyncRow>('syncs').where({ id }).first();
    return row && toSync(row);
  }

  /**
   * Reads the sync and locks its row until `tx` ends (PostgreSQL; SQLite runs one writer at a time):
   * a change decided on this read cannot interleave with another edit, a pause or a run's claim.
   */
  async lockSync(
    id: string,
    tx: Knex.Transaction,
  ): Promise<AudienceSync | undefined> {
    const query = tx<SyncRow>('syncs').where({ id });
    if (!tx.client.config.client.includes('sqlite')) query.forUpdate();
    const row = await query.first();
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
      // The term is matched literally: its own `%` and `_` are no wildcards, on either database.
      const literal = filter.search
        .toLocaleLowerCase('en-US')
        .replace(/[\\%_]/g, match => `\\${match}`);
      const term = `%${literal}%`;
      query.where(inner =>
        inner
          .whereRaw(`lower(name) like ? escape '\\'`, [term])
          .orWhereRaw(`lower(object_name) like ? escape '\\'`, [term]),
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

  /**
   * Writes an edit: only the columns it changed, and a new version. Status, run times and the lease stay
   * as they are in the row, whatever the editor read.
   */
  async updateConfiguration(
    id: string,
    change: SyncConfigurationChange,
    stamp: SyncChangeStamp,
    tx: Knex.Transaction,
  ): Promise<void> {
    const columns: Partial<SyncRow> = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.object
        ? { object_id: change.object.id, object_name: change.object.name }
        : {}),
      ...(change.mode ? { mode: change.mode } : {}),
      ...(change.identifier
        ? {
            identifier_entity_key: change.identifier.entityKey,
            identifier_field: change.identifier.field,
          }
        : {}),
      ...(change.fieldMappings
        ? { field_mappings: JSON.stringify(change.fieldMappings) }
        : {}),
      ...(change.schedule ? scheduleColumns(change.schedule) : {}),
      ...(change.owner !== undefined ? { owner: change.owner } : {}),
      ...(change.nextRunAt !== undefined
        ? { next_run_at: change.nextRunAt }
        : {}),
      ...(change.removalGuard
        ? {
            removal_guard_max_share: change.removalGuard.maxShare ?? null,
            removal_guard_min_removals: change.removalGuard.minRemovals ?? null,
          }
        : {}),
      ...(change.alerts ? alertColumns(change.alerts) : {}),
    };
    await this.#stamped(id, columns, stamp, tx);
  }

  /** Pauses or resumes: the status, the next run time and a new version. */
  async updateStatus(
    id: string,
    change: { status: SyncStatus; nextRunAt: string | null },
    stamp: SyncChangeStamp,
    tx: Knex.Transaction,
  ): Promise<void> {
    await this.#stamped(
      id,
      { status: change.status, next_run_at: change.nextRunAt },
      stamp,
      tx,
    );
  }

  async #stamped(
    id: string,
    columns: Partial<SyncRow>,
    stamp: SyncChangeStamp,
    tx: Knex.Transaction,
  ): Promise<void> {
    await tx('syncs')
      .where({ id })
      .update({
        ...columns,
        updated_by: stamp.by,
        updated_at: stamp.at,
        version: tx.raw('version + 1'),
      });
  }

  async deleteSync(id: string, tx?: Knex.Transaction): Promise<void> {
    await (tx ?? this.#db)('syncs').where({ id }).delete();
  }

  /** Active and errored syncs whose next run time has come. */
  async getDueSyncs(now: string): Promise<AudienceSync[]> {
    const rows = await this.#db<SyncRow>('syncs')
      .whereIn('status', ['active', 'errored'])
      .where('next_run_at', '<=', now);
    return rows.map(toSync);
  }

  /**
   * Moves the next run time on, only if it is still the one read as due: of several instances that saw
   * the same due time, one moves it.
   */
  async moveNextRun(
    syncId: string,
    from: string,
    to: string | null,
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const moved = await tx('syncs')
      .where({ id: syncId, next_run_at: from })
      .update({ next_run_at: to });
    return moved === 1;
  }

  /** Takes the sync's lease when nobody holds it or its holder let it expire. */
  async takeLease(
    lease: Lease,
    times: { now: string; expiresAt: string },
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const taken = await tx('syncs')
      .where({ id: lease.syncId })
      .where(q =>
        q.whereNull('lease_owner').orWhere('lease_expires_at', '<=', times.now),
      )
      .update({
        lease_owner: lease.owner,
        lease_token: lease.token,
        lease_expires_at: times.expiresAt,
        lease_seen_at: times.now,
      });
    return taken === 1;
  }

  /** Extends a lease that still holds; false when it expired or was lost. */
  async renewLease(
    lease: Lease,
    times: { now: string; expiresAt: string },
  ): Promise<boolean> {
    const renewed = await heldNow(this.#db('syncs'), lease, times.now).update({
      lease_expires_at: times.expiresAt,
      lease_seen_at: times.now,
    });
    return renewed === 1;
  }

  async releaseLease(lease: Lease, tx: Knex.Transaction): Promise<void> {
    await tx('syncs')
      .where({ id: lease.syncId, lease_token: lease.token })
      .update(NO_LEASE);
  }

  /** The leases of these syncs, as they are now. */
  async listLeases(syncIds: string[]): Promise<StoredLease[]> {
    if (syncIds.length === 0) return [];
    const rows = await this.#db('syncs')
      .whereIn('id', syncIds)
      .select(
        'id',
        'lease_owner',
        'lease_token',
        'lease_expires_at',
        'lease_seen_at',
      );
    return rows.map(row => ({
      syncId: row.id,
      owner: row.lease_owner,
      token: row.lease_token,
      expiresAt: toIsoOrNull(row.lease_expires_at),
      seenAt: toIsoOrNull(row.lease_seen_at),
    }));
  }

  /**
   * Clears a lease found abandoned, only if it is still the claim that was found and, unless its holder
   * is known dead, still expired: a holder that renewed it meanwhile keeps it. The update locks the
   * sync's row until `tx` ends, so what the caller does next in `tx` is ordered with that holder's
   * fenced commits. False when the lease is not abandoned (any more).
   */
  async releaseAbandonedLease(
    found: StoredLease,
    options: { now: string; holderDead: boolean },
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const query = tx('syncs').where({ id: found.syncId });
    if (found.token === null) query.whereNull('lease_token');
    else query.where({ lease_token: found.token });
    if (!options.holderDead) {
      query.where(q =>
        q
          .whereNull('lease_owner')
          .orWhere('lease_expires_at', '<=', options.now),
      );
    }
    return (await query.update(NO_LEASE)) === 1;
  }

  /**
   * True while `lease` holds: the same claim, not expired at `now`. The update (it records the holder as
   * seen) locks the sync's row until `tx` ends, which orders the transaction with claims and recoveries
   * of the same sync: a commit fenced by it cannot interleave with a takeover.
   */
  async holdsLease(
    lease: Lease,
    now: string,
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const held = await heldNow(tx('syncs'), lease, now).update({
      lease_seen_at: now,
    });
    return held === 1;
  }

  /**
   * What a finished run means for its sync: a run that synced sets the last synced time; a failed run
   * marks the sync errored and a successful one clears that, unless someone paused it meanwhile.
   */
  async recordRunEnd(
    syncId: string,
    end: { synced: boolean; at: string },
    tx: Knex.Transaction,
  ): Promise<void> {
    // One statement, not a read and a write: a pause committed in between is not undone.
    await tx('syncs')
      .where({ id: syncId })
      .update({
        ...(end.synced ? { last_synced_at: end.at } : {}),
        status: tx.raw(`case when status = 'paused' then status else ? end`, [
          end.synced ? 'active' : 'errored',
        ]),
      });
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
    ...scheduleColumns(sync.schedule),
    status: sync.status,
    owner: sync.owner,
    created_by: sync.createdBy,
    updated_by: sync.updatedBy,
    created_at: sync.createdAt,
    updated_at: sync.updatedAt,
    last_synced_at: sync.lastSyncedAt,
    next_run_at: sync.nextRunAt,
    removal_guard_max_share: sync.removalGuard?.maxShare ?? null,
    removal_guard_min_removals: sync.removalGuard?.minRemovals ?? null,
    ...alertColumns(sync.alerts ?? {}),
    version: sync.version,
  };
}

function scheduleColumns(
  schedule: AudienceSync['schedule'],
): Pick<SyncRow, 'schedule_type' | 'schedule_cron' | 'schedule_timezone'> {
  return {
    schedule_type: schedule.type,
    schedule_cron: schedule.cron ?? null,
    schedule_timezone: schedule.timezone ?? null,
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
    version: row.version,
    ...toRemovalGuard(row),
    ...toAlertThresholds(row),
  };
}

function alertColumns(
  alerts: AlertThresholds,
): Pick<SyncRow, 'alert_invalid_share' | 'alert_row_count_swing'> {
  return {
    alert_invalid_share: alerts.invalidShare ?? null,
    alert_row_count_swing: alerts.rowCountSwing ?? null,
  };
}

/** The sync's own alert thresholds, only those it has. */
function toAlertThresholds(row: SyncRow): Pick<AudienceSync, 'alerts'> {
  const invalidShare = row.alert_invalid_share;
  const rowCountSwing = row.alert_row_count_swing;
  if (invalidShare === null && rowCountSwing === null) return {};
  return {
    alerts: {
      ...(invalidShare !== null ? { invalidShare: Number(invalidShare) } : {}),
      ...(rowCountSwing !== null
        ? { rowCountSwing: Number(rowCountSwing) }
        : {}),
    },
  };
}

/** The sync's own guard settings, only those it has. */
function toRemovalGuard(row: SyncRow): Pick<AudienceSync, 'removalGuard'> {
  const maxShare = row.removal_guard_max_share;
  const minRemovals = row.removal_guard_min_removals;
  if (maxShare === null && minRemovals === null) return {};
  return {
    removalGuard: {
      ...(maxShare !== null ? { maxShare: Number(maxShare) } : {}),
      ...(minRemovals !== null ? { minRemovals: Number(minRemovals) } : {}),
    },
  };
}
