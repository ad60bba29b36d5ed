import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { RunStatus } from '@signalsmith/backstage-plugin-audience-syncs-common';
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

/** The status of one sync run. */
export const RunStatusChip = ({ status }: { status: RunStatus }) => {
  const Status = RUN_STATUS_ICONS[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={<Status>{RUN_STATUS_LABELS[status] ?? status}</Status>}
    />
  );
};
