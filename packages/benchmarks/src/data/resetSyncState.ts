import { Knex } from 'knex';
import { createStores, LEDGER_TABLE, MEMBER_HISTORY_TABLE } from '../backend';
import { DatabaseKind } from '../options/BenchOptions';

/**
 * Back to before the first run: empty ledger and member history, no runs, no lease. The data sets hold one sync, so the
 * ledger is emptied whole (SQLite's truncate optimization, PostgreSQL's TRUNCATE): deleting 10M rows
 * one by one would take longer than the run measured.
 */
export async function resetSyncState(
  knex: Knex,
  kind: DatabaseKind,
  syncId: string,
): Promise<void> {
  if (kind === 'pg') {
    await knex.raw(`TRUNCATE ${LEDGER_TABLE}`);
    await knex.raw(`TRUNCATE ${MEMBER_HISTORY_TABLE}`);
  } else {
    await knex.raw(`DELETE FROM ${LEDGER_TABLE}`);
    await knex.raw(`DELETE FROM ${MEMBER_HISTORY_TABLE}`);
  }
  const { syncs, runs } = createStores(knex);
  await runs.deleteRuns(syncId);
  const sync = await syncs.getSync(syncId);
  if (!sync) throw new Error(`The data set has no sync '${syncId}'`);
  await knex('syncs')
    .where({ id: syncId })
    .update({ status: 'active', last_synced_at: null });
  // A run the benchmark stopped may have left its lease behind; its holder is gone.
  const [lease] = await syncs.listLeases([sync.id]);
  await knex.transaction(tx =>
    syncs.releaseAbandonedLease(
      lease,
      { now: new Date().toISOString(), holderDead: true },
      tx,
    ),
  );
}
