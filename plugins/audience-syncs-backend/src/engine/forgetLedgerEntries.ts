import { Lease } from '../database/Lease';
import { RunCoordinator } from './RunCoordinator';

/** Ledger entries forgotten per transaction. */
const PAGE = 500;

/**
 * Forgets ledger entries page by page, each page in a transaction fenced by the run's lease, until `next`
 * finds none: the sync run that follows sees those members as joined and adds them again. `next` reads
 * from the start each time, as each committed page is gone.
 */
export async function forgetLedgerEntries(
  coordinator: RunCoordinator,
  lease: Lease,
  runId: number,
  signal: AbortSignal,
  next: (limit: number) => Promise<string[]>,
): Promise<void> {
  for (;;) {
    signal.throwIfAborted();
    const keys = await next(PAGE);
    if (keys.length === 0) return;
    await coordinator.commitBatch(lease, runId, {
      upserts: [],
      deletes: keys,
      counters: { sent: 0, succeeded: 0, failed: 0, invalid: 0 },
      errors: [],
    });
  }
}
