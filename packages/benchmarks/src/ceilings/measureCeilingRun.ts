import type {
  RateLimit,
  RunningEmulator,
} from '@internal/destination-emulators';
import { setTimeout as sleep } from 'node:timers/promises';
import { createStores } from '../backend';
import { runChild } from '../child/runChild';
import { configureSync } from '../data/configureSync';
import { DataSet } from '../data/DataSet';
import { resetSyncState } from '../data/resetSyncState';
import { DatabaseTarget } from '../db/DatabaseTarget';
import { openDatabase } from '../db/openDatabase';
import { sourceFile } from '../paths';
import { BenchDestination } from '../engine/createBenchEngine';
import { SyncRunInput } from '../sync/SyncRunInput';
import { CeilingSample, CeilingWindow, steadyWindow } from './steadyWindow';

const SAMPLE_EVERY_MS = 250;
/** From the first request: the shrunken burst (about a second) is spent and the limiter is in step. */
export const WARMUP_MS = 3000;

/**
 * One ceiling run: the sync starts from an empty ledger in a child process, this process samples the
 * emulator's counters and the run's committed members, and the child is stopped once the steady window
 * is over (the run need not finish: the window is what is measured).
 */
export async function measureCeilingRun(options: {
  target: DatabaseTarget;
  dataSet: DataSet;
  emulator: RunningEmulator;
  emulatorLimit: RateLimit | null;
  destination: BenchDestination;
  clientLimit?: RateLimit;
  object: { id: string; name: string };
  identifierField: string;
  seconds: number;
}): Promise<CeilingWindow | undefined> {
  const knex = openDatabase(options.target);
  const { runs } = createStores(knex);
  try {
    await resetSyncState(knex, options.target.kind, options.dataSet.syncId);
    await configureSync(knex, options.dataSet.syncId, options);
    options.emulator.reset();
    options.emulator.setRateLimit(options.emulatorLimit);
    const input: SyncRunInput = {
      target: options.target,
      syncId: options.dataSet.syncId,
      destination: options.destination,
      rateLimit: options.clientLimit,
    };
    const stop = new AbortController();
    let done = false;
    const child = runChild(
      sourceFile('sync/syncRunChild.ts'),
      input,
      stop.signal,
    ).finally(() => {
      done = true;
    });
    const samples: CeilingSample[] = [];
    const startedAt = performance.now();
    while (!done) {
      await sleep(SAMPLE_EVERY_MS);
      const stats = options.emulator.stats();
      const {
        items: [run],
      } = await runs.listRuns(options.dataSet.syncId, { limit: 1, offset: 0 });
      samples.push({
        t: performance.now() - startedAt,
        requests: stats.requests,
        throttled: stats.throttled,
        succeeded: Number(run?.succeeded ?? 0),
      });
      const first = samples.find(s => s.requests > 0);
      if (
        first &&
        samples[samples.length - 1].t >
          first.t + WARMUP_MS + options.seconds * 1000
      ) {
        stop.abort();
      }
    }
    await child;
    return steadyWindow(samples, WARMUP_MS, options.seconds);
  } finally {
    await knex.destroy();
  }
}
