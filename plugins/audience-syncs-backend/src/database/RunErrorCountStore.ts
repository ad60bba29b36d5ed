import { SyncRunError } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';

/** How many of a run's rows failed with one code. */
export interface RunErrorCount {
  code: string;
  count: number;
}

/** Longest code kept; the run's error sample cuts codes to the same length, so the two group alike. */
const CODE_LENGTH = 64;

/**
 * Each run's invalid and refused rows counted by code (`sync_run_error_counts`). The engine adds to them
 * in the transaction that commits the rows, so they always agree with the run's `invalid` and `failed`
 * counters; the run's error sample holds only the first rows.
 */
export class RunErrorCountStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new RunErrorCountStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Adds these row errors to the run's counts, one upsert per code. */
  async add(
    runId: number,
    errors: SyncRunError[],
    tx: Knex.Transaction,
  ): Promise<void> {
    const byCode = new Map<string, number>();
    for (const error of errors) {
      const code = error.code.slice(0, CODE_LENGTH);
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    // Sorted, so that concurrent commits lock the rows in the same order.
    for (const [code, count] of [...byCode].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      await tx('sync_run_error_counts')
        .insert({ run_id: runId, code, error_count: count })
        .onConflict(['run_id', 'code'])
        // The qualified column is the stored row on PostgreSQL and SQLite (ON CONFLICT) and on MySQL (ON
        // DUPLICATE KEY UPDATE) alike.
        .merge({
          error_count: tx.raw('?? + ?', [
            'sync_run_error_counts.error_count',
            count,
          ]),
        });
    }
  }

  /** The run's counts, most frequent code first. */
  async list(runId: number, tx?: Knex.Transaction): Promise<RunErrorCount[]> {
    const rows: Array<{ code: string; error_count: number | string }> = await (
      tx ?? this.#db
    )('sync_run_error_counts')
      .where({ run_id: runId })
      .orderBy([
        { column: 'error_count', order: 'desc' },
        { column: 'code', order: 'asc' },
      ])
      .select('code', 'error_count');
    return rows.map(row => ({
      code: row.code,
      count: Number(row.error_count),
    }));
  }

  /**
   * Forgets the run's counts: an interrupted run's continuation meets and counts those rows again
   * (`RunStore.failInterrupted` drops its invalid and failed counters and sample likewise).
   */
  async clear(runId: number, tx: Knex.Transaction): Promise<void> {
    await tx('sync_run_error_counts').where({ run_id: runId }).delete();
  }

  /**
   * Removes the counts of every run of the sync, before its runs go: the foreign key cascades only where
   * it is enforced, which SQLite does only when the connection switches it on (Backstage's does, a
   * plain Knex client does not).
   */
  async deleteForSync(syncId: string, tx?: Knex.Transaction): Promise<void> {
    const db = tx ?? this.#db;
    await db('sync_run_error_counts')
      .whereIn(
        'run_id',
        db('sync_runs').select('id').where({ sync_id: syncId }),
      )
      .delete();
  }
}
