import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { AudienceSummary } from '../common/AudienceSummary';
import { CreateSyncButton } from '../common/CreateSyncButton';
import { EntityLoadError } from '../EntityAudienceSyncsCard/EntityLoadError';

/** The audience's facts and "Create Sync", above its syncs on the entity tab. */
export const AudienceSummaryCard = ({ audienceId }: { audienceId: string }) => {
  const api = useApi(audienceSyncsApiRef);
  const audience = useAsync(
    () => api.getAudience(audienceId),
    [api, audienceId],
  );

  let body;
  if (audience.error) {
    body = (
      <EntityLoadError
        error={audience.error}
        subject="audience"
        id={audienceId}
      />
    );
  } else if (!audience.value) {
    body = <Progress />;
  } else {
    body = <AudienceSummary audience={audience.value} />;
  }
  return (
    <InfoCard
      title="Audience"
      subheader={audience.value?.description}
      action={
        audience.value && (
          <CreateSyncButton label="Create Sync" audience={audience.value} />
        )
      }
    >
      {body}
    </InfoCard>
  );
};
