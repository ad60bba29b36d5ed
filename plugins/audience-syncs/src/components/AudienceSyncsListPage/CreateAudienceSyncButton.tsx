import { LinkButton } from '@backstage/core-components';
import AddIcon from '@material-ui/icons/Add';
import { CREATE_AUDIENCE_SYNC_TEMPLATE_PATH } from '../../routes';

/** Opens the sync builder (the `create-audience-sync` template). */
export const CreateAudienceSyncButton = () => (
  <LinkButton
    to={CREATE_AUDIENCE_SYNC_TEMPLATE_PATH}
    variant="contained"
    color="primary"
    startIcon={<AddIcon />}
  >
    Create Audience Sync
  </LinkButton>
);
