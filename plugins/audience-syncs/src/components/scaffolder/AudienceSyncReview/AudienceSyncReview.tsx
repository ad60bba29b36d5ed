import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import { useEffect } from 'react';
import { ChosenAudienceAndDestination } from '../ChosenAudienceAndDestination';
import { builderFormData } from '../SyncBuilderFormData';
import { toCreateSyncRequest } from '../toCreateSyncRequest';
import { DryRunResult } from './DryRunResult';
import { SyncReviewSummary } from './SyncReviewSummary';
import { useDryRun } from './useDryRun';

/**
 * The field's own value. The scaffolder validates only fields that have a value, and this one's validation is
 * the server's dry run, so the field sets it as soon as it shows.
 */
export const REVIEWED = 'reviewed';

/**
 * The builder's last step: a read-only summary of the whole form and the server's verdict on it (a dry
 * run of the create), "Ready to create" with its warnings or every problem the server found.
 */
export const AudienceSyncReview = ({
  formData,
  onChange,
  formContext,
}: FieldExtensionComponentProps<string>) => {
  useEffect(() => {
    if (formData !== REVIEWED) {
      onChange(REVIEWED);
    }
  }, [formData, onChange]);
  const data = builderFormData(formContext);
  const dryRun = useDryRun(toCreateSyncRequest(data));

  return (
    <Box>
      <ChosenAudienceAndDestination formData={data}>
        {({ audience, destination }) => (
          <SyncReviewSummary
            data={data}
            audience={audience}
            destination={destination}
          />
        )}
      </ChosenAudienceAndDestination>
      <Box mt={2}>
        <DryRunResult
          loading={dryRun.loading}
          error={dryRun.error}
          value={dryRun.value}
        />
      </Box>
    </Box>
  );
};
