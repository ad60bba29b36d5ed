import { SyncRunDetail } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { readRunDetail } from '../backend';
import { BenchEngine } from './createBenchEngine';

/** Queues a manual run of the sync and lets the dispatcher execute it to the end, as "Run now" does. */
export async function runSyncOnce(
  engine: BenchEngine,
  syncId: string,
): Promise<SyncRunDetail> {
  const { runs } = engine.stores;
  const queued = await runs.queueRun(syncId, 'manual');
  if (!queued) throw new Error(`Sync ${syncId} already has an open run`);
  await engine.dispatcher.tick();
  await engine.dispatcher.idle();
  const run = await readRunDetail(engine.stores, syncId, queued.id);
  if (!run) throw new Error(`Run ${queued.id} disappeared`);
  return run;
}
