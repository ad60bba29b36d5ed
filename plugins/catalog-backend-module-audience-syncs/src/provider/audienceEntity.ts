import { Entity } from '@backstage/catalog-model';
import {
  AUDIENCE_ENTITY_TYPE,
  AUDIENCE_ID_ANNOTATION,
  AudienceDefinition,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { EntityDefaults } from './readProviderConfig';
import { resourceEntity } from './resourceEntity';

/**
 * The entity of an audience, `resource:default/audience-<id>`: the prefix keeps it apart from a destination
 * with the same id. Only the definition goes in: evaluation state (member count, last evaluated) changes too
 * often to re-process the entity for it, and the entity card shows it live.
 */
export function audienceEntity(
  audience: AudienceDefinition,
  defaults: EntityDefaults,
): Entity {
  return resourceEntity(
    {
      name: `audience-${audience.id}`,
      title: audience.name,
      description: audience.description,
      type: AUDIENCE_ENTITY_TYPE,
      owner: audience.owner,
      annotations: { [AUDIENCE_ID_ANNOTATION]: audience.id },
      tags: [audience.entityType, ...audience.entityKeys],
      syncsFilter: { audienceId: audience.id },
      syncsLinkTitle: 'Syncs of this audience',
    },
    defaults,
  );
}
