import {
  nextRunAt as nextRunAfter,
  RunStatus,
  RunTrigger,
  Schedule,
  SyncRunError,
} from '@internal/plugin-audience-syncs-common';
import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';
import { RunRow } from './runRows';

/** A lease on one sync: who runs it, until when. Commits are fenced by it. */
export interface Lease {
  syncId: string;
  owner: string;
}

/** The sync changed owner (its lease expired and another instance took it) or was deleted. */
export class LeaseLostError extends Error {
  constructor(syncId: string) {
    super(`The lease on audience sync '${syncId}' was lost`);
    this.name = 'LeaseLostError';
  }
}

/** A row of the ledger: what a sync last sent for one member. */
export interface LedgerRow {
  memberKey: string;
  identifier: string;
  memberHash: string;
  fieldsHash: string | null;
}

/** What one acknowledged batch changes, committed in one transaction. */
export interface BatchCommit {
  upserts: LedgerRow[];
  deletes: string[];
  counters: {
    sent: number;
    succeeded: number;
    failed: number;
    invalid: number;
  };
  errors: SyncRunError[];
}

const ERROR_SAMPLE_SIZE = 100;
// SQLite binds at most 32766 variables per statement; keep statements well below.
const CHUNK = 500;

/**
 * The engine's side of the store: queuing due runs, claiming them under a lease, recovering runs whose
 * instance died, and committing each acknowledged batch together with the run's counters.
 */
export class RunStore {
  readonly #db: Knex;
  readonly #now: () => Date;

  static create(options: { knex: Knex; now?: () => Date }) {
    return new RunStore(options.knex, options.now ?? (() => new Date()));
  }

  private constructor(db: Knex, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Queues a scheduled run for every sync that is due, moving its next run time on in the same
   * transaction; the conditional update makes each due time produce one run whichever instance sees it.
   * A sync that still has an open run stays due until that run finishes.
   */
  async queueDueRuns(): Promise<number> {
    const now = this.#iso();
    const due = await this.#db('syncs')
      .whereIn('status', ['active', 'errored'])
      .where('next_run_at', '<=', now)
      .select(
        'id',
        'next_run_at',
        'schedule_type',
        'schedule_cron',
        'schedule_timezone',
      );
    let queued = 0;
    for (const sync of due) {
      const schedule: Schedule = {
        type: sync.schedule_type,
        ...(sync.schedule_cron ? { cron: sync.schedule_cron } : {}),
        ...(sync.schedule_timezone ? { timezone: sync.schedule_timezone } : {}),
      };
      // Times missed while no instance ran collapse into this one run.
      const nextRunAt = nextRunAfter(schedule, new Date(now));
      queued += await this.#db
        .transaction(async tx => {
          const open = await tx('sync_runs')
            .where({ sync_id: sync.id })
            .whereIn('status', ['queued', 'running', 'held'])
            .first();
          if (open) return 0;
          const moved = await tx('syncs')
            .where({ id: sync.id, next_run_at: sync.next_run_at })
            .update({ next_run_at: nextRunAt?.toISOString() ?? null });
          if (moved !== 1) return 0;
          const [{ count }] = await tx('sync_runs')
            .where({ sync_id: sync.id })
            .count({ count: '*' });
          const trigger: RunTrigger =
            Number(count) === 0 ? 'initial' : 'schedule';
          await tx('sync_runs').insert({
            sync_id: sync.id,
            trigger,
            status: 'queued',
            queued_at: now,
          });
          return 1;
        })
        .catch(error => {
          if (isUniqueViolation(error)) return 0;
          throw error;
        });
    }
    return queued;
  }

  /** Takes the oldest queued run whose sync no live instance holds, or undefined when there is none. */
  async claimQueuedRun(
    owner: string,
    leaseMs: number,
  ): Promise<{ runId: number; lease: Lease } | undefined> {
    const now = this.#iso();
    const candidates = await this.#db('sync_runs as r')
      .join('syncs as s', 's.id', 'r.sync_id')
      .where('r.status', 'queued')
      .where(q =>
        q.whereNull('s.lease_owner').orWhere('s.lease_expires_at', '<', now),
      )
      .orderBy([{ column: 'r.queued_at' }, { column: 'r.id' }])
      .limit(20)
      .select('r.id as run_id', 's.id as sync_id');
    for (const candidate of candidates) {
      const claimed = await this.#db.transaction(async tx => {
        const leased = await tx('syncs')
          .where({ id: candidate.sync_id })
          .where(q =>
            q.whereNull('lease_owner').orWhere('lease_expires_at', '<', now),
          )
          .update({ lease_owner: owner, lease_expires_at: this.#iso(leaseMs) });
        if (leased !== 1) return false;
        const started = await tx('sync_runs')
          .where({ id: candidate.run_id, status: 'queued' })
          .update({ status: 'running', started_at: now });
        if (started !== 1) {
          await tx('syncs')
            .where({ id: candidate.sync_id, lease_owner: owner })
            .update({ lease_owner: null, lease_expires_at: null });
          return false;
        }
        return true;
      });
      if (claimed) {
        return {
          runId: candidate.run_id,
          lease: { syncId: candidate.sync_id, owner },
        };
      }
    }
    return undefined;
  }

  /** Extends a lease; false when it was lost. */
  async heartbeat(lease: Lease, leaseMs: number): Promise<boolean> {
    const updated = await this.#db('syncs')
      .where({ id: lease.syncId, lease_owner: lease.owner })
      .update({ lease_expires_at: this.#iso(leaseMs) });
    return updated === 1;
  }

  /**
   * Runs left "running" by an instance whose lease expired were interrupted (a crash, a kill): each is
   * recorded as failed and replaced by a queued run, which re-plans from the ledger.
   */
  async recoverInterruptedRuns(): Promise<number> {
    const now = this.#iso();
    const stale = await this.#db('sync_runs as r')
      .join('syncs as s', 's.id', 'r.sync_id')
      .where('r.status', 'running')
      .where(q =>
        q.whereNull('s.lease_owner').orWhere('s.lease_expires_at', '<', now),
      )
      .select(
        'r.id',
        'r.sync_id',
        'r.trigger',
        'r.approved_by',
        'r.approved_at',
      );
    let recovered = 0;
    for (const run of stale) {
      recovered += await this.#db.transaction(async tx => {
        const failed = await tx('sync_runs')
          .where({ id: run.id, status: 'running' })
          .update({
            status: 'failed',
            finished_at: now,
            error:
              'Interrupted: the instance running it stopped; a new run continues from the ledger',
          });
        if (failed !== 1) return 0;
        await tx('syncs')
          .where({ id: run.sync_id })
          .where(q =>
            q.whereNull('lease_owner').orWhere('lease_expires_at', '<', now),
          )
          .update({ lease_owner: null, lease_expires_at: null });
        await tx('sync_runs').insert({
          sync_id: run.sync_id,
          trigger: run.trigger,
          status: 'queued',
          queued_at: now,
          // An approval given to the interrupted run carries over to its continuation.
          approved_by: run.approved_by,
          approved_at: run.approved_at,
        });
        return 1;
      });
    }
    return recovered;
  }

  async getRun(runId: number): Promise<RunRow | undefined> {
    return this.#db<RunRow>('sync_runs').where({ id: runId }).first();
  }

  /** Records what the run is about to do. */
  async recordPlan(
    lease: Lease,
    runId: number,
    plan: {
      evaluationId: number;
      adds: number;
      removes: number;
      updates: number;
    },
  ): Promise<void> {
    await this.#fenced(lease, tx =>
      tx('sync_runs').where({ id: runId }).update({
        evaluation_id: plan.evaluationId,
        planned_adds: plan.adds,
        planned_removes: plan.removes,
        planned_updates: plan.updates,
      }),
    );
  }

  async countLedger(syncId: string): Promise<number> {
    const [{ count }] = await this.#db('sync_members')
      .where({ sync_id: syncId })
      .count({ count: '*' });
    return Number(count);
  }

  /** Applies one acknowledged batch to the ledger and the run, atomically, if the lease still holds. */
  async commitBatch(
    lease: Lease,
    runId: number,
    commit: BatchCommit,
  ): Promise<void> {
    await this.#fenced(lease, async tx => {
      await upsertLedger(tx, lease.syncId, commit.upserts);
      for (let i = 0; i < commit.deletes.length; i += CHUNK) {
        await tx('sync_members')
          .where({ sync_id: lease.syncId })
          .whereIn('member_key', commit.deletes.slice(i, i + CHUNK))
          .delete();
      }
      const { counters } = commit;
      await tx('sync_runs')
        .where({ id: runId })
        .update({
          sent: tx.raw('sent + ?', [counters.sent]),
          succeeded: tx.raw('succeeded + ?', [counters.succeeded]),
          failed: tx.raw('failed + ?', [counters.failed]),
          invalid: tx.raw('invalid + ?', [counters.invalid]),
        });
      await this.#sampleErrors(tx, runId, commit.errors);
    });
  }

  /** Stops a run before it sends anything: the removal guard wants an approval. */
  async holdRun(lease: Lease, runId: number, reason: string): Promise<void> {
    await this.#fenced(lease, async tx => {
      await tx('sync_runs')
        .where({ id: runId })
        .update({ status: 'held', error: reason });
      await this.#release(tx, lease);
    });
  }

  /**
   * Ends a run: the run's outcome, the sync's status (a failed run marks it errored, a successful one
   * clears that) and last synced time, and the lease released.
   */
  async finishRun(
    lease: Lease,
    runId: number,
    outcome: {
      status: Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;
      error?: string;
    },
  ): Promise<void> {
    const now = this.#iso();
    await this.#fenced(lease, async tx => {
      await tx('sync_runs')
        .where({ id: runId })
        .update({
          status: outcome.status,
          finished_at: now,
          error: outcome.error ?? null,
        });
      const sync = await tx('syncs')
        .where({ id: lease.syncId })
        .first('status');
      const synced = outcome.status !== 'failed';
      await tx('syncs')
        .where({ id: lease.syncId })
        .update({
          ...(synced ? { last_synced_at: now } : {}),
          ...(sync.status === 'paused'
            ? {}
            : { status: synced ? 'active' : 'errored' }),
        });
      await this.#release(tx, lease);
    });
  }

  async #sampleErrors(
    tx: Knex.Transaction,
    runId: number,
    errors: SyncRunError[],
  ) {
    if (errors.length === 0) return;
    const [{ count }] = await tx('sync_run_errors')
      .where({ run_id: runId })
      .count({ count: '*' });
    const room = ERROR_SAMPLE_SIZE - Number(count);
    if (room <= 0) return;
    await tx('sync_run_errors').insert(
      errors.slice(0, room).map(e => ({
        run_id: runId,
        member_key: e.memberKey,
        operation: e.operation,
        code: e.code.slice(0, 64),
        message: e.message,
        retryable: e.retryable,
      })),
    );
  }

  async #release(tx: Knex.Transaction, lease: Lease) {
    await tx('syncs')
      .where({ id: lease.syncId, lease_owner: lease.owner })
      .update({ lease_owner: null, lease_expires_at: null });
  }

  /** Runs `work` in a transaction only while `lease` holds; the row lock taken here orders it with claims. */
  async #fenced<T>(
    lease: Lease,
    work: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    return this.#db.transaction(async tx => {
      const held = await tx('syncs')
        .where({ id: lease.syncId, lease_owner: lease.owner })
        .update({ lease_owner: lease.owner });
      if (held !== 1) throw new LeaseLostError(lease.syncId);
      return work(tx);
    });
  }

  #iso(offsetMs = 0): string {
    return new Date(this.#now().getTime() + offsetMs).toISOString();
  }
}

/**
 * Writes ledger rows, replacing those of the same members. PostgreSQL gets the rows as five arrays
 * unnested into one statement: a multi-row VALUES list binds five parameters a row, and planning a
 * 2,500-parameter statement costs more than writing its 500 rows.
 */
async function upsertLedger(
  tx: Knex.Transaction,
  syncId: string,
  rows: LedgerRow[],
): Promise<void> {
  if (rows.length === 0) return;
  if (tx.client.dialect === 'postgresql') {
    await tx.raw(
      `INSERT INTO sync_members (sync_id, member_key, identifier, member_hash, fields_hash)
       SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
       ON CONFLICT (sync_id, member_key) DO UPDATE SET
         identifier = excluded.identifier,
         member_hash = excluded.member_hash,
         fields_hash = excluded.fields_hash`,
      [
        syncId,
        rows.map(row => row.memberKey),
        rows.map(row => row.identifier),
        rows.map(row => row.memberHash),
        // Knex's types take no nulls in an array binding; pg sends them as NULL elements.
        rows.map(row => row.fieldsHash) as string[],
      ],
    );
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx('sync_members')
      .insert(
        rows.slice(i, i + CHUNK).map(row => ({
          sync_id: syncId,
          member_key: row.memberKey,
          identifier: row.identifier,
          member_hash: row.memberHash,
          fields_hash: row.fieldsHash,
        })),
      )
      .onConflict(['sync_id', 'member_key'])
      .merge(['identifier', 'member_hash', 'fields_hash']);
  }
}
