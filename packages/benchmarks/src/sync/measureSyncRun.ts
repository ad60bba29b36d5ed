import { runChild } from '../child/runChild';
import { DataSet } from '../data/DataSet';
import { resetSyncState } from '../data/resetSyncState';
import { DatabaseTarget } from '../db/DatabaseTarget';
import { openDatabase } from '../db/openDatabase';
import { sourceFile } from '../paths';
import { BenchSink } from './startBenchSink';
import { SyncRunInput, SyncRunResult } from './SyncRunInput';

/**
 * One initial sync of the data set to the sink, in a child process: the ledger and the sink are
 * emptied first, and the run must deliver every member.
 */
export async function measureSyncRun(
  target: DatabaseTarget,
  dataSet: DataSet,
  sink: BenchSink,
  /** Whether the run records the member history; default: it does. */
  memberHistory = true,
): Promise<SyncRunResult> {
  const knex = openDatabase(target);
  try {
    await resetSyncState(knex, target.kind, dataSet.syncId);
  } finally {
    await knex.destroy();
  }
  sink.emulator.reset();
  const input: SyncRunInput = {
    target,
    syncId: dataSet.syncId,
    destination: sink.destination,
    memberHistory,
  };
  const result = (await runChild<SyncRunResult>(
    sourceFile('sync/syncRunChild.ts'),
    input,
  ))!;
  const delivered = sink.emulator.members('bench-list').length;
  if (result.status !== 'succeeded' || delivered !== dataSet.snapshotRows) {
    throw new Error(
      `The run ended ${result.status} (${
        result.error ?? 'no error'
      }) with ${delivered} of ${dataSet.snapshotRows} members delivered`,
    );
  }
  return result;
}
