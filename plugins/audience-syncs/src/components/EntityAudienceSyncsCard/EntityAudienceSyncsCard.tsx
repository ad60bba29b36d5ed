import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { AUDIENCE_ID_ANNOTATION } from '@internal/plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { AudienceSummary } from '../shared/AudienceSummary';
import { CreateSyncButton } from '../shared/CreateSyncButton';
import { EntityLoadError } from './EntityLoadError';
import { EntitySyncsTable } from './EntitySyncsTable';
import { NoSyncsYet } from './NoSyncsYet';
import { useEntitySyncs } from './useEntitySyncs';

const TITLE = 'Audience Syncs';

const AudienceSyncsCard = ({ audienceId }: { audienceId: string }) => {
  const api = useApi(audienceSyncsApiRef);
  const audience = useAsync(
    () => api.getAudience(audienceId),
    [api, audienceId],
  );
  const { syncs, lookups, moreLink } = useEntitySyncs({ audienceId });

  const error = audience.error ?? syncs.error;
  if (error) {
    return (
      <InfoCard title={TITLE}>
        <EntityLoadError error={error} subject="audience" id={audienceId} />
      </InfoCard>
    );
  }
  if (!audience.value || !syncs.value) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  const { items } = syncs.value;
  return (
    <InfoCard
      title={TITLE}
      action={
        <CreateSyncButton label="Create Sync" audience={audience.value} />
      }
      deepLink={moreLink}
    >
      <AudienceSummary audience={audience.value} />
      <Box mt={2}>
        {items.length === 0 ? (
          <NoSyncsYet subject="audience" />
        ) : (
          <EntitySyncsTable
            syncs={items}
            lookups={lookups.value}
            counterpart="destination"
          />
        )}
      </Box>
    </InfoCard>
  );
};

/**
 * The overview card of an audience entity: the audience's member count, entity type and last evaluation, its
 * syncs with their status, and "Create Sync" with the audience pre-selected. Its links need the Audience Syncs
 * pages to be mounted in the app.
 */
export const EntityAudienceSyncsCard = () => {
  const { entity } = useEntity();
  const audienceId = entity.metadata.annotations?.[AUDIENCE_ID_ANNOTATION];
  if (!audienceId) {
    return (
      <InfoCard title={TITLE}>
        <MissingAnnotationEmptyState annotation={AUDIENCE_ID_ANNOTATION} />
      </InfoCard>
    );
  }
  return <AudienceSyncsCard audienceId={audienceId} />;
};
