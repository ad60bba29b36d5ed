import { LinkButton } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import AddIcon from '@material-ui/icons/Add';
import { audienceSyncCreatePermission } from '@internal/plugin-audience-syncs-common';
import { CREATE_AUDIENCE_SYNC_TEMPLATE_PATH } from '../../routes';

const LABEL = 'Create Audience Sync';

/** Opens the sync builder (the `create-audience-sync` template); disabled, saying why, without the permission. */
export const CreateAudienceSyncButton = () => {
  const { loading, allowed, error } = usePermission({
    permission: audienceSyncCreatePermission,
  });
  // When the check itself fails, the builder stays reachable: the server is the authority.
  if (allowed || error) {
    return (
      <LinkButton
        to={CREATE_AUDIENCE_SYNC_TEMPLATE_PATH}
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
      >
        {LABEL}
      </LinkButton>
    );
  }
  const reason = loading
    ? 'Checking your permissions…'
    : 'You do not have permission to create audience syncs';
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
          {LABEL}
        </Button>
      </span>
    </Tooltip>
  );
};
