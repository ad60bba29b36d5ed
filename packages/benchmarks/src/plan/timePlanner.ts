import { Knex } from 'knex';
import { createStores, SyncPlanner } from '../backend';
import { DiffCounts } from './DiffCounts';

/** The page size the executor reads with for the webhook connector's default batch (500 rows). */
export const PLAN_PAGE_SIZE = 500;

/**
 * Plans as a run does: the counts first (the run records them and the removal guard needs them before
 * anything is sent), then every page of departed, joined and changed members.
 */
export async function timePlanner(
  knex: Knex,
  syncId: string,
  evaluationId: number,
): Promise<{ ms: number; counts: DiffCounts; rows: DiffCounts }> {
  const planner = SyncPlanner.create(createStores(knex));
  const startedAt = performance.now();
  const counts = await planner.count(syncId, evaluationId);
  const rows = { joined: 0, departed: 0, changed: 0 };
  for await (const page of planner.departed(
    syncId,
    evaluationId,
    PLAN_PAGE_SIZE,
  )) {
    rows.departed += page.length;
  }
  for await (const page of planner.joined(
    syncId,
    evaluationId,
    PLAN_PAGE_SIZE,
  )) {
    rows.joined += page.length;
  }
  for await (const page of planner.changed(
    syncId,
    evaluationId,
    PLAN_PAGE_SIZE,
  )) {
    rows.changed += page.length;
  }
  return { ms: performance.now() - startedAt, counts, rows };
}
