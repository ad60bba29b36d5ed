import { Entity } from '@backstage/catalog-model';
import { AUDIENCE_DESTINATION_ENTITY_TYPE } from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * Whether the entity is a destination published by the Audience Syncs catalog module (`kind: Resource`,
 * `spec.type: audience-destination`): for `EntitySwitch` in legacy entity pages. Compares case-insensitively,
 * as the new frontend system's entity filters do.
 *
 * @public
 */
export function isAudienceDestinationEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    String(entity.spec?.type ?? '').toLocaleLowerCase('en-US') ===
      AUDIENCE_DESTINATION_ENTITY_TYPE
  );
}
