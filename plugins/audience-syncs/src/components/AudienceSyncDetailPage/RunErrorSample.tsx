import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import { ReadableTable } from '../shared/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { SyncRun } from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';

/** A run's error summary and its sample of row errors (`GET /syncs/:id/runs/:runId`). */
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
  const { error, errors } = detail.value;
  return (
    <Box py={1}>
      {error && (
        <Box mb={1}>
          <Alert severity={run.status === 'held' ? 'warning' : 'error'}>
            {error}
          </Alert>
        </Box>
      )}
      {errors.length === 0 ? (
        <Typography variant="body2">No row errors in this run.</Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            A sample of the rows this run could not send ({errors.length} shown;
            failed {run.failed.toLocaleString()}, invalid{' '}
            {run.invalid.toLocaleString()} in all):
          </Typography>
          <ReadableTable size="small" aria-label={`Errors of run #${run.id}`}>
            <TableHead>
              <TableRow>
                <TableCell>Member</TableCell>
                <TableCell>Operation</TableCell>
                <TableCell>Code</TableCell>
                <TableCell>Message</TableCell>
                <TableCell>Retryable</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {errors.map((rowError, index) => (
                <TableRow key={`${rowError.memberKey}-${index}`}>
                  <TableCell>{rowError.memberKey}</TableCell>
                  <TableCell>{rowError.operation}</TableCell>
                  <TableCell>{rowError.code}</TableCell>
                  <TableCell>{rowError.message}</TableCell>
                  <TableCell>{rowError.retryable ? 'Yes' : 'No'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ReadableTable>
        </>
      )}
    </Box>
  );
};
