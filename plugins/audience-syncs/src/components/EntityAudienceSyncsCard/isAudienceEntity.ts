import { Entity } from '@backstage/catalog-model';
import { AUDIENCE_ENTITY_TYPE } from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * Whether the entity is an audience published by the Audience Syncs catalog module (`kind: Resource`,
 * `spec.type: audience`): for `EntitySwitch` in legacy entity pages. Compares case-insensitively, as the
 * new frontend system's entity filters do.
 *
 * @public
 */
export function isAudienceEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    String(entity.spec?.type ?? '').toLocaleLowerCase('en-US') ===
      AUDIENCE_ENTITY_TYPE
  );
}
