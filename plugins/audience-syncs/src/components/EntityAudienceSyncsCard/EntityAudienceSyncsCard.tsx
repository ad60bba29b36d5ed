import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { AUDIENCE_ID_ANNOTATION } from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { AudienceSummary } from '../common/AudienceSummary';
import { CreateSyncButton } from '../common/CreateSyncButton';
import { ENTITY_SYNCS_CARD_TITLE, EntitySyncsCard } from './EntitySyncsCard';

const AudienceSyncsCard = ({ audienceId }: { audienceId: string }) => {
  const api = useApi(audienceSyncsApiRef);
  const audience = useAsync(
    () => api.getAudience(audienceId),
    [api, audienceId],
  );
  return (
    <EntitySyncsCard
      subject="audience"
      id={audienceId}
      filter={{ audienceId }}
      loaded={audience}
      render={value => ({
        action: <CreateSyncButton label="Create Sync" audience={value} />,
        summary: <AudienceSummary audience={value} />,
      })}
    />
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
      <InfoCard title={ENTITY_SYNCS_CARD_TITLE}>
        <MissingAnnotationEmptyState annotation={AUDIENCE_ID_ANNOTATION} />
      </InfoCard>
    );
  }
  return <AudienceSyncsCard audienceId={audienceId} />;
};
