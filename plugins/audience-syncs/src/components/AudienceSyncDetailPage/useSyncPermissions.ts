import { usePermission } from '@backstage/plugin-permission-react';
import {
  audienceSyncApprovePermission,
  audienceSyncDeletePermission,
  audienceSyncRunPermission,
  audienceSyncUpdatePermission,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SyncPermission } from './useSyncActions';

const DENIED_REASONS: Record<string, string> = {
  [audienceSyncRunPermission.name]:
    'You do not have permission to run this audience sync',
  [audienceSyncUpdatePermission.name]:
    'You do not have permission to change this audience sync (pause, resume or edit)',
  [audienceSyncDeletePermission.name]:
    'You do not have permission to delete this audience sync',
  [audienceSyncApprovePermission.name]:
    'You do not have permission to approve runs of this audience sync',
};

export const CHECKING_PERMISSION = 'Checking your permissions…';

type Decision = ReturnType<typeof usePermission>;

function reasonOf(decision: Decision, permission: SyncPermission) {
  if (decision.loading) return CHECKING_PERMISSION;
  // When the check itself fails, the server stays the authority: a refusal then disables the action.
  if (decision.allowed || decision.error) return undefined;
  return DENIED_REASONS[permission.name];
}

/**
 * Asks the permission framework, before the user tries, which of the page's actions they may take on the sync.
 * Resolves a permission to why it is unavailable, or undefined when it is allowed.
 */
export function useSyncPermissions(syncId: string) {
  const resourceRef = syncId;
  const run = usePermission({
    permission: audienceSyncRunPermission,
    resourceRef,
  });
  const update = usePermission({
    permission: audienceSyncUpdatePermission,
    resourceRef,
  });
  const remove = usePermission({
    permission: audienceSyncDeletePermission,
    resourceRef,
  });
  const approve = usePermission({
    permission: audienceSyncApprovePermission,
    resourceRef,
  });
  const reasons: Record<string, string | undefined> = {
    [audienceSyncRunPermission.name]: reasonOf(run, audienceSyncRunPermission),
    [audienceSyncUpdatePermission.name]: reasonOf(
      update,
      audienceSyncUpdatePermission,
    ),
    [audienceSyncDeletePermission.name]: reasonOf(
      remove,
      audienceSyncDeletePermission,
    ),
    [audienceSyncApprovePermission.name]: reasonOf(
      approve,
      audienceSyncApprovePermission,
    ),
  };
  return (permission: SyncPermission) => reasons[permission.name];
}
