import {
  SETTLED_RUN_STATUSES,
  SyncRunDetail,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { setTimeout as sleep } from 'node:timers/promises';

/** How often a waiting request reads the run again: one cheap query per waiter, whichever instance runs it. */
const POLL_MS = 500;

/**
 * Reads the run until it has settled (`SETTLED_RUN_STATUSES`), `waitMs` has passed or `signal` aborts (the
 * caller went away), and returns the last read. The run is read from the database, not from this
 * instance's memory, because another instance may be the one running it.
 */
export async function waitForSettledRun(
  read: () => Promise<SyncRunDetail>,
  options: { waitMs: number; signal: AbortSignal; pollMs?: number },
): Promise<SyncRunDetail> {
  const deadline = Date.now() + options.waitMs;
  let run = await read();
  while (
    !SETTLED_RUN_STATUSES.includes(run.status) &&
    !options.signal.aborted
  ) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      await sleep(Math.min(options.pollMs ?? POLL_MS, left), undefined, {
        signal: options.signal,
      });
    } catch {
      break;
    }
    run = await read();
  }
  return run;
}
