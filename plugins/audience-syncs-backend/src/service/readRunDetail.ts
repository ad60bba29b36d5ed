import { SyncRunDetail } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { toPublicRun } from '../database/RunStore';
import { summarizeRunErrors } from './summarizeRunErrors';

/**
 * One run of the sync as the API shows it: its error sample, its errors by code and, for a verify run, what
 * it found; undefined when absent.
 */
export async function readRunDetail(
  stores: Pick<
    AudienceSyncsStores,
    'runs' | 'runErrorCounts' | 'verifications'
  >,
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
    verification:
      run.kind === 'verify' || run.kind === 'repair'
        ? await stores.verifications.get(runId)
        : null,
  };
}
