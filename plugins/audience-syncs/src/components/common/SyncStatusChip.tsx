import {
  StatusAborted,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { SyncStatus } from '@signalsmith/backstage-plugin-audience-syncs-common';

const SYNC_STATUS_LABELS: Record<SyncStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  errored: 'Errored',
};

const SYNC_STATUS_ICONS: Record<SyncStatus, typeof StatusOK> = {
  active: StatusOK,
  paused: StatusAborted,
  errored: StatusError,
};

/** Whether a sync is active, paused or errored. */
export const SyncStatusChip = ({ status }: { status: SyncStatus }) => {
  const Status = SYNC_STATUS_ICONS[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={<Status>{SYNC_STATUS_LABELS[status] ?? status}</Status>}
    />
  );
};
