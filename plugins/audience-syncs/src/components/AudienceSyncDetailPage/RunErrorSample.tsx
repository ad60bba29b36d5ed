import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { SyncRun } from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { RunErrorGroups } from './RunErrorGroups';
import { VerificationResult } from './VerificationResult';

/**
 * A run's error, and its row errors by reason with their sample rows, or what a verify run found
 * (`GET /syncs/:id/runs/:runId`).
 */
export const RunErrorSample = ({ run }: { run: SyncRun }) => {
  const api = useApi(audienceSyncsApiRef);
  // Reloaded when the run moves on, so a running run's sample grows with it.
  const detail = useAsync(
    () => api.getRun(run.syncId, run.id),
    [api, run.syncId, run.id, run.status, run.failed, run.invalid],
  );

  if (detail.error) {
    return <ResponseErrorPanel error={detail.error} />;
  }
  if (!detail.value) {
    return <Progress />;
  }
  const { error, errorSummary, verification } = detail.value;
  return (
    <Box py={1}>
      {error && (
        <Box mb={1}>
          <Alert severity={run.status === 'held' ? 'warning' : 'error'}>
            {error}
          </Alert>
        </Box>
      )}
      {verification && <VerificationResult verification={verification} />}
      {run.kind !== 'verify' && errorSummary.length === 0 && (
        <Typography variant="body2">No row errors in this run.</Typography>
      )}
      {run.kind !== 'verify' && errorSummary.length > 0 && (
        <>
          <Typography variant="body2" gutterBottom>
            The rows this run could not send, by reason (failed{' '}
            {run.failed.toLocaleString()}, invalid{' '}
            {run.invalid.toLocaleString()} in all):
          </Typography>
          <RunErrorGroups runId={run.id} groups={errorSummary} />
        </>
      )}
    </Box>
  );
};
