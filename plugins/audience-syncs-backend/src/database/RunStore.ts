import {
  Page,
  RunStatus,
  RunKind,
  RunTrigger,
  SyncRun,
  SyncRunError,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';
import { nowIso, toIso, toIsoOrNull } from './timestamps';

/** Runs that still have work ahead of them; a sync has at most one (a unique index says so too). */
export const OPEN_RUN_STATUSES: RunStatus[] = ['queued', 'running', 'held'];

/** Who released a run the removal guard held, when, and the removals they saw (the approval's bound). */
export interface RunApproval {
  by: string;
  at: string;
  removes: number;
}

/** A run as the store keeps it: what the API shows, and the approval the engine checks. */
export interface StoredRun extends SyncRun {
  approval: RunApproval | null;
}

/** What one acknowledged batch adds to a run's counters. */
export interface RunCounters {
  sent: number;
  succeeded: number;
  failed: number;
  invalid: number;
}

type RunRow = {
  id: number;
  sync_id: string;
  trigger: RunTrigger;
  kind: RunKind;
  status: RunStatus;
  evaluation_id: number | null;
  planned_adds: number;
  planned_removes: number;
  planned_updates: number;
  sent: number;
  succeeded: number;
  failed: number;
  invalid: number;
  queued_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  error: string | null;
  approved_by: string | null;
  approved_at: string | Date | null;
  held_removes: number | null;
  approved_removes: number | null;
};

/**
 * Runs and their error samples (`sync_runs`, `sync_run_errors`): the API's history and actions (queue,
 * approve, cancel), and the engine's writes as a run moves from queued to finished. Methods that take a
 * transaction join the caller's; the engine fences those with the sync's lease.
 */
export class RunStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new RunStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Queues a run, or returns undefined when the sync already has an open run. `alongside` joins the
   * insert's transaction, for what is recorded with the run (who asked for it).
   */
  async queueRun(
    syncId: string,
    trigger: RunTrigger,
    alongside?: (run: SyncRun, tx: Knex.Transaction) => Promise<void>,
    kind: RunKind = 'sync',
  ): Promise<SyncRun | undefined> {
    try {
      return await this.#db.transaction(async tx => {
        const run = toPublicRun(
          await this.insertQueuedRun(
            { syncId, trigger, kind, queuedAt: nowIso() },
            tx,
          ),
        );
        await alongside?.(run, tx);
        return run;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Inserts a queued run; throws a unique violation when the sync already has an open run. */
  async insertQueuedRun(
    run: {
      syncId: string;
      trigger: RunTrigger;
      kind?: RunKind;
      queuedAt: string;
      approval?: RunApproval | null;
    },
    tx?: Knex.Transaction,
  ): Promise<StoredRun> {
    const db = tx ?? this.#db;
    const [inserted] = await db('sync_runs')
      .insert({
        sync_id: run.syncId,
        trigger: run.trigger,
        kind: run.kind ?? 'sync',
        status: 'queued',
        queued_at: run.queuedAt,
        approved_by: run.approval?.by ?? null,
        approved_at: run.approval?.at ?? null,
        approved_removes: run.approval?.removes ?? null,
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    const row = await db<RunRow>('sync_runs').where({ id }).first();
    return toStoredRun(row!);
  }

  async findOpenRun(
    syncId: string,
    tx?: Knex.Transaction,
  ): Promise<StoredRun | undefined> {
    const row = await (tx ?? this.#db)<RunRow>('sync_runs')
      .where({ sync_id: syncId })
      .whereIn('status', OPEN_RUN_STATUSES)
      .orderBy('id', 'desc')
      .first();
    return row && toStoredRun(row);
  }

  async countRuns(syncId: string, tx?: Knex.Transaction): Promise<number> {
    const [{ count }] = await (tx ?? this.#db)('sync_runs')
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
      items: rows.map(toSyncRun),
      totalCount: await this.countRuns(syncId),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** The newest run of each of the syncs that has one, in one query (a list page's worth of syncs). */
  async latestRuns(syncIds: string[]): Promise<Map<string, SyncRun>> {
    if (syncIds.length === 0) return new Map();
    const rows = await this.#db<RunRow>('sync_runs').whereIn(
      'id',
      this.#db('sync_runs')
        .max('id')
        .whereIn('sync_id', syncIds)
        .groupBy('sync_id'),
    );
    return new Map(rows.map(row => [row.sync_id, toSyncRun(row)]));
  }

  /** One run of the sync; undefined when the sync has no such run. */
  async getRun(
    syncId: string,
    runId: number,
    tx?: Knex.Transaction,
  ): Promise<StoredRun | undefined> {
    const row = await (tx ?? this.#db)<RunRow>('sync_runs')
      .where({ sync_id: syncId, id: runId })
      .first();
    return row && toStoredRun(row);
  }

  /** The run's sample of row errors, in the order they were recorded. */
  async listErrors(runId: number): Promise<SyncRunError[]> {
    const rows = await this.#db('sync_run_errors')
      .where({ run_id: runId })
      .orderBy('id');
    return rows.map(
      (e): SyncRunError => ({
        memberKey: e.member_key,
        operation: e.operation,
        code: e.code,
        message: e.message,
        retryable: Boolean(e.retryable),
      }),
    );
  }

  /**
   * Releases a run the removal guard held: it goes back to the queue, approved for the removals it was
   * held with.
   */
  async releaseHeldRun(
    runId: number,
    approvedBy: string,
    tx?: Knex.Transaction,
  ): Promise<boolean> {
    const updated = await (tx ?? this.#db)('sync_runs')
      .where({ id: runId, status: 'held' })
      .update({
        status: 'queued',
        approved_by: approvedBy,
        approved_at: nowIso(),
        approved_removes: this.#db.ref('held_removes'),
      });
    return updated === 1;
  }

  /**
   * Pausing stops work that has not started, queued or held for approval (an approval must not start a
   * paused sync); a run in progress finishes.
   */
  async cancelWaitingRuns(
    syncId: string,
    reason: string,
    tx?: Knex.Transaction,
  ): Promise<number> {
    return (tx ?? this.#db)('sync_runs')
      .where({ sync_id: syncId })
      .whereIn('status', ['queued', 'held'])
      .update({ status: 'cancelled', finished_at: nowIso(), error: reason });
  }

  /** Removes every run of the sync with its error samples. */
  async deleteRuns(syncId: string, tx?: Knex.Transaction): Promise<void> {
    const db = tx ?? this.#db;
    await db('sync_run_errors')
      .whereIn(
        'run_id',
        db('sync_runs').select('id').where({ sync_id: syncId }),
      )
      .delete();
    await db('sync_runs').where({ sync_id: syncId }).delete();
  }

  /** The oldest queued runs, first queued first. */
  async listQueued(limit: number): Promise<StoredRun[]> {
    const rows = await this.#db<RunRow>('sync_runs')
      .where('status', 'queued')
      .orderBy([{ column: 'queued_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toStoredRun);
  }

  async listRunning(): Promise<StoredRun[]> {
    const rows = await this.#db<RunRow>('sync_runs').where('status', 'running');
    return rows.map(toStoredRun);
  }

  /** The evaluations whose snapshots running runs read. */
  async evaluationsInUse(tx?: Knex.Transaction): Promise<number[]> {
    const rows: Array<{ evaluation_id: number }> = await (tx ?? this.#db)(
      'sync_runs',
    )
      .where({ status: 'running' })
      .whereNotNull('evaluation_id')
      .distinct('evaluation_id');
    return rows.map(row => row.evaluation_id);
  }

  /**
   * For each sync that has synced, the evaluation its destination reflects: the latest one a run
   * succeeded (or partly succeeded) with, by when that evaluation finished.
   */
  async lastSyncedEvaluations(): Promise<
    Array<{ syncId: string; destinationId: string; evaluatedAt: string }>
  > {
    const rows: Array<{
      sync_id: string;
      destination_id: string;
      evaluated_at: string | Date;
    }> = await this.#db('sync_runs as r')
      .join('audience_evaluations as e', 'e.id', 'r.evaluation_id')
      .join('syncs as s', 's.id', 'r.sync_id')
      .whereIn('r.status', ['succeeded', 'partial'])
      .whereNotNull('e.finished_at')
      .groupBy('r.sync_id', 's.destination_id')
      .select('r.sync_id', 's.destination_id')
      .max({ evaluated_at: 'e.finished_at' });
    return rows.map(row => ({
      syncId: row.sync_id,
      destinationId: row.destination_id,
      evaluatedAt: toIso(row.evaluated_at),
    }));
  }

  /** Queued → running; false when the run is no longer queued. */
  async start(
    runId: number,
    at: string,
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const started = await tx('sync_runs')
      .where({ id: runId, status: 'queued' })
      .update({ status: 'running', started_at: at });
    return started === 1;
  }

  /**
   * Running → failed, for a run whose instance stopped; false when it is no longer running. Its
   * continuation re-plans from the ledger, where invalid members and rows the destination refused never
   * got: it meets every one of them again and counts them. So that no member is counted twice, this run
   * keeps only what reached the ledger: its invalid and failed counts (and the failed rows' sends) and its
   * error sample go, and `error` says so.
   */
  async failInterrupted(
    runId: number,
    at: string,
    error: string,
    tx: Knex.Transaction,
  ): Promise<boolean> {
    const failed = await tx('sync_runs')
      .where({ id: runId, status: 'running' })
      .update({
        status: 'failed',
        finished_at: at,
        error,
        sent: tx.raw('sent - failed'),
        failed: 0,
        invalid: 0,
      });
    if (failed === 1) {
      await tx('sync_run_errors').where({ run_id: runId }).delete();
    }
    return failed === 1;
  }

  /** Records what the run is about to do. */
  async recordPlan(
    runId: number,
    plan: {
      evaluationId: number;
      adds: number;
      removes: number;
      updates: number;
    },
    tx: Knex.Transaction,
  ): Promise<void> {
    await tx('sync_runs').where({ id: runId }).update({
      evaluation_id: plan.evaluationId,
      planned_adds: plan.adds,
      planned_removes: plan.removes,
      planned_updates: plan.updates,
    });
  }

  async addCounters(
    runId: number,
    counters: RunCounters,
    tx: Knex.Transaction,
  ): Promise<void> {
    await tx('sync_runs')
      .where({ id: runId })
      .update({
        sent: tx.raw('sent + ?', [counters.sent]),
        succeeded: tx.raw('succeeded + ?', [counters.succeeded]),
        failed: tx.raw('failed + ?', [counters.failed]),
        invalid: tx.raw('invalid + ?', [counters.invalid]),
      });
  }

  /** Adds row errors to the run's sample until it holds `sampleSize`; the rest are only counted. */
  async sampleErrors(
    runId: number,
    errors: SyncRunError[],
    sampleSize: number,
    tx: Knex.Transaction,
  ): Promise<void> {
    if (errors.length === 0) return;
    const [{ count }] = await tx('sync_run_errors')
      .where({ run_id: runId })
      .count({ count: '*' });
    const room = sampleSize - Number(count);
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

  /**
   * Stops a run before it sends anything: the removal guard wants an approval of these removals. An
   * approval it had no longer holds.
   */
  async hold(
    runId: number,
    held: { reason: string; removes: number },
    tx: Knex.Transaction,
  ): Promise<void> {
    await tx('sync_runs').where({ id: runId }).update({
      status: 'held',
      error: held.reason,
      held_removes: held.removes,
      approved_by: null,
      approved_at: null,
      approved_removes: null,
    });
  }

  async finish(
    runId: number,
    outcome: {
      status: Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;
      error?: string;
      at: string;
    },
    tx: Knex.Transaction,
  ): Promise<void> {
    await tx('sync_runs')
      .where({ id: runId })
      .update({
        status: outcome.status,
        finished_at: outcome.at,
        error: outcome.error ?? null,
      });
  }
}

/** A stored run as the API shows it. */
export function toPublicRun(run: StoredRun): SyncRun {
  const { approval, ...shown } = run;
  return shown;
}

function toSyncRun(row: RunRow): SyncRun {
  const startedAt = toIsoOrNull(row.started_at);
  const finishedAt = toIsoOrNull(row.finished_at);
  return {
    id: row.id,
    syncId: row.sync_id,
    trigger: row.trigger,
    kind: row.kind,
    status: row.status,
    evaluationId: row.evaluation_id,
    planned: {
      adds: row.planned_adds,
      removes: row.planned_removes,
      updates: row.planned_updates,
    },
    sent: row.sent,
    succeeded: row.succeeded,
    failed: row.failed,
    invalid: row.invalid,
    queuedAt: toIso(row.queued_at),
    startedAt,
    finishedAt,
    durationMs:
      startedAt && finishedAt
        ? Date.parse(finishedAt) - Date.parse(startedAt)
        : null,
    error: row.error,
  };
}

function toStoredRun(row: RunRow): StoredRun {
  return {
    ...toSyncRun(row),
    approval:
      row.approved_by !== null && row.approved_at !== null
        ? {
            by: row.approved_by,
            at: toIso(row.approved_at),
            // An approval recorded without its count bounds nothing beyond the guard's minimum.
            removes: row.approved_removes ?? 0,
          }
        : null,
  };
}
