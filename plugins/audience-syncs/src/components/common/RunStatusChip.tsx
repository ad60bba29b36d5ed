import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import {
  RunStatus,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RUN_STATUS_LABELS } from './labels';

const RUN_STATUS_ICONS: Record<RunStatus, typeof StatusOK> = {
  queued: StatusPending,
  running: StatusRunning,
  succeeded: StatusOK,
  partial: StatusWarning,
  failed: StatusError,
  held: StatusWarning,
  cancelled: StatusAborted,
};

/**
 * The status of one sync run, saying what happened: a run that skipped members it could not send (no
 * identifier, a malformed value) succeeded for the rest, but is shown as a warning with how many it skipped.
 */
export const RunStatusChip = ({
  run,
}: {
  run: Pick<SyncRun, 'status' | 'invalid'>;
}) => {
  const skipped = run.status === 'succeeded' && run.invalid > 0;
  const Status = skipped ? StatusWarning : RUN_STATUS_ICONS[run.status];
  const label = RUN_STATUS_LABELS[run.status] ?? run.status;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={
        <Status>
          {skipped
            ? `${label} with ${run.invalid.toLocaleString('en-US')} invalid`
            : label}
        </Status>
      }
    />
  );
};
