import { LinkButton } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import AddIcon from '@material-ui/icons/Add';
import {
  Audience,
  audienceProblems,
  audienceSyncCreatePermission,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { createAudienceSyncPath } from '../../routes';

/**
 * Opens the sync builder (the `create-audience-sync` template), with the audience pre-selected when one is
 * given. Disabled, saying why, without the create permission or while the audience cannot
 * be synced.
 */
export const CreateSyncButton = ({
  label,
  audience,
}: {
  label: string;
  audience?: Audience;
}) => {
  const { loading, allowed, error } = usePermission({
    permission: audienceSyncCreatePermission,
  });

  let reason = audience && audienceProblems(audience.id, audience)[0]?.message;
  // When the check itself fails, the builder stays reachable: the server is the authority.
  if (!reason && !allowed && !error) {
    reason = loading
      ? 'Checking your permissions…'
      : 'You do not have permission to create audience syncs';
  }

  if (!reason) {
    return (
      <LinkButton
        to={createAudienceSyncPath(audience?.id)}
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
      >
        {label}
      </LinkButton>
    );
  }
  // A disabled button fires no mouse events, so the tooltip sits on a wrapper.
  return (
    <Tooltip title={reason}>
      <span>
        <Button
          variant="contained"
          color="primary"
          startIcon={<AddIcon />}
          disabled
        >
          {label}
        </Button>
      </span>
    </Tooltip>
  );
};
