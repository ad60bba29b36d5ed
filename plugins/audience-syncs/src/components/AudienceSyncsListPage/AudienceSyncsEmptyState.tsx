import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { CreateSyncButton } from '../common/CreateSyncButton';

export interface AudienceSyncsEmptyStateProps {
  /** Whether a search or filter hid every sync, rather than there being none. */
  filtered: boolean;
  onClearFilters: () => void;
}

/** What the list shows when it has no rows. */
export const AudienceSyncsEmptyState = ({
  filtered,
  onClearFilters,
}: AudienceSyncsEmptyStateProps) =>
  filtered ? (
    <EmptyState
      missing="data"
      title="No audience syncs match these filters"
      description="Change the search or the filters to see other syncs."
      action={
        <Button variant="outlined" onClick={onClearFilters}>
          Clear filters
        </Button>
      }
    />
  ) : (
    <EmptyState
      missing="content"
      title="No audience syncs yet"
      description="An audience sync sends the members of an evaluated audience to an ad, CRM or email destination and keeps them in sync."
      action={<CreateSyncButton label="Create Audience Sync" />}
    />
  );
