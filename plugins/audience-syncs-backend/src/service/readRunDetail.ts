import { SyncRunDetail } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { toPublicRun } from '../database/RunStore';
import { summarizeRunErrors } from './summarizeRunErrors';

/** One run of the sync as the API shows it: its error sample and its errors by code; undefined when absent. */
export async function readRunDetail(
  stores: Pick<AudienceSyncsStores, 'runs' | 'runErrorCounts'>,
  syncId: string,
  runId: number,
): Promise<SyncRunDetail | undefined> {
  const run = await stores.runs.getRun(syncId, runId);
  if (!run) return undefined;
  const errors = await stores.runs.listErrors(runId);
  return {
    ...toPublicRun(run),
    errors,
    errorSummary: summarizeRunErrors(
      await stores.runErrorCounts.list(runId),
      errors,
    ),
  };
}
