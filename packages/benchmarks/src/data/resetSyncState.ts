import { Knex } from 'knex';
import { DatabaseKind } from '../options/BenchOptions';

/**
 * Back to before the first run: empty ledger, no runs, no lease. The data sets hold one sync, so the
 * ledger is emptied whole (SQLite's truncate optimization, PostgreSQL's TRUNCATE): deleting 10M rows
 * one by one would take longer than the run measured.
 */
export async function resetSyncState(
  knex: Knex,
  kind: DatabaseKind,
): Promise<void> {
  if (kind === 'pg') {
    await knex.raw('TRUNCATE sync_members, sync_run_errors');
  } else {
    await knex.raw('DELETE FROM sync_members');
    await knex.raw('DELETE FROM sync_run_errors');
  }
  await knex('sync_runs').delete();
  await knex('syncs').update({
    status: 'active',
    lease_owner: null,
    lease_expires_at: null,
    last_synced_at: null,
  });
}
