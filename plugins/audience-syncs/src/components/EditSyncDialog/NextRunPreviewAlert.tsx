import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  SyncEditDryRunResponse,
  SyncMode,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from '../common/errorMessages';
import { describeNextRun } from './describeNextRun';

/** What saving the edit would make the next run do, shown before the user saves. */
export const NextRunPreviewAlert = ({
  preview,
  error,
  settled,
  mode,
}: {
  preview?: SyncEditDryRunResponse;
  error?: Error;
  settled: boolean;
  mode: SyncMode;
}) => {
  if (!settled) {
    return (
      <Alert severity="info" aria-busy="true">
        Working out what the next run would do…
      </Alert>
    );
  }
  if (error) {
    return (
      <Alert severity="info">
        What the next run would do could not be worked out:{' '}
        {serverMessage(error)}
      </Alert>
    );
  }
  if (!preview) return null;
  const { lines, warning } = describeNextRun(preview, mode);
  return (
    <Alert
      severity={warning ? 'warning' : 'info'}
      aria-label="What the next run would do"
    >
      <AlertTitle>What the next run would do if you save</AlertTitle>
      {lines.map(line => (
        <div key={line}>{line}</div>
      ))}
    </Alert>
  );
};
