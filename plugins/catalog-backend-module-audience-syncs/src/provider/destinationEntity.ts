import { Entity } from '@backstage/catalog-model';
import {
  AUDIENCE_DESTINATION_ENTITY_TYPE,
  Destination,
  DESTINATION_ID_ANNOTATION,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { EntityDefaults } from './readProviderConfig';
import { resourceEntity } from './resourceEntity';

/**
 * The entity of a destination, `resource:default/destination-<id>`: the prefix keeps it apart from an
 * audience with the same id. It depends on nothing; the syncs that feed it are shown by the entity card.
 */
export function destinationEntity(
  destination: Destination,
  defaults: EntityDefaults,
): Entity {
  return resourceEntity(
    {
      name: `destination-${destination.id}`,
      title: destination.name,
      description: destination.description,
      type: AUDIENCE_DESTINATION_ENTITY_TYPE,
      owner: destination.owner,
      annotations: { [DESTINATION_ID_ANNOTATION]: destination.id },
      tags: [destination.type],
      syncsFilter: { destinationId: destination.id },
      syncsLinkTitle: 'Syncs to this destination',
    },
    defaults,
  );
}
