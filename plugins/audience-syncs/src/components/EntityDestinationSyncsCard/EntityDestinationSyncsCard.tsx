import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { DESTINATION_ID_ANNOTATION } from '@internal/plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { EntityLoadError } from '../EntityAudienceSyncsCard/EntityLoadError';
import { EntitySyncsTable } from '../EntityAudienceSyncsCard/EntitySyncsTable';
import { NoSyncsYet } from '../EntityAudienceSyncsCard/NoSyncsYet';
import { useEntitySyncs } from '../EntityAudienceSyncsCard/useEntitySyncs';

const TITLE = 'Audience Syncs';

const DestinationSyncsCard = ({ destinationId }: { destinationId: string }) => {
  const api = useApi(audienceSyncsApiRef);
  // Loaded so that a removed destination gets a clear message rather than an empty list.
  const destination = useAsync(
    () => api.getDestination(destinationId),
    [api, destinationId],
  );
  const { syncs, lookups, moreLink } = useEntitySyncs({ destinationId });

  const error = destination.error ?? syncs.error;
  if (error) {
    return (
      <InfoCard title={TITLE}>
        <EntityLoadError
          error={error}
          subject="destination"
          id={destinationId}
        />
      </InfoCard>
    );
  }
  if (!destination.value || !syncs.value) {
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
      subheader={`The audiences this ${destination.value.typeLabel} destination receives`}
      deepLink={moreLink}
    >
      {items.length === 0 ? (
        <NoSyncsYet subject="destination" />
      ) : (
        <EntitySyncsTable
          syncs={items}
          lookups={lookups.value}
          counterpart="audience"
        />
      )}
    </InfoCard>
  );
};

/**
 * The overview card of a destination entity: the syncs that feed it, with their audiences and status. Its
 * links need the Audience Syncs pages to be mounted in the app.
 */
export const EntityDestinationSyncsCard = () => {
  const { entity } = useEntity();
  const destinationId =
    entity.metadata.annotations?.[DESTINATION_ID_ANNOTATION];
  if (!destinationId) {
    return (
      <InfoCard title={TITLE}>
        <MissingAnnotationEmptyState annotation={DESTINATION_ID_ANNOTATION} />
      </InfoCard>
    );
  }
  return <DestinationSyncsCard destinationId={destinationId} />;
};
