import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { DESTINATION_ID_ANNOTATION } from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import {
  ENTITY_SYNCS_CARD_TITLE,
  EntitySyncsCard,
} from '../EntityAudienceSyncsCard/EntitySyncsCard';

const DestinationSyncsCard = ({ destinationId }: { destinationId: string }) => {
  const api = useApi(audienceSyncsApiRef);
  const destination = useAsync(
    () => api.getDestination(destinationId),
    [api, destinationId],
  );
  return (
    <EntitySyncsCard
      subject="destination"
      id={destinationId}
      filter={{ destinationId }}
      loaded={destination}
      render={value => ({
        subheader: `The audiences this ${value.typeLabel} destination receives`,
      })}
    />
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
      <InfoCard title={ENTITY_SYNCS_CARD_TITLE}>
        <MissingAnnotationEmptyState annotation={DESTINATION_ID_ANNOTATION} />
      </InfoCard>
    );
  }
  return <DestinationSyncsCard destinationId={destinationId} />;
};
