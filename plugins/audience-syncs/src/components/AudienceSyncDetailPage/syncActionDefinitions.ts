import {
  audienceSyncApprovePermission,
  audienceSyncDeletePermission,
  audienceSyncRunPermission,
  audienceSyncUpdatePermission,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SyncAction } from './useSyncActions';

/** The detail page's actions and the permission the server checks for each. */
export const SYNC_ACTIONS = {
  runNow: { label: 'Run now', permission: audienceSyncRunPermission },
  verify: {
    label: 'Verify destination',
    permission: audienceSyncRunPermission,
  },
  repair: { label: 'Repair', permission: audienceSyncUpdatePermission },
  resync: { label: 'Full resync', permission: audienceSyncUpdatePermission },
  pause: { label: 'Pause', permission: audienceSyncUpdatePermission },
  resume: { label: 'Resume', permission: audienceSyncUpdatePermission },
  edit: { label: 'Edit', permission: audienceSyncUpdatePermission },
  delete: { label: 'Delete', permission: audienceSyncDeletePermission },
  approve: { label: 'Approve run', permission: audienceSyncApprovePermission },
} satisfies Record<string, SyncAction>;
