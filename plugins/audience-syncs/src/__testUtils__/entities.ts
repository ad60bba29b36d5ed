import { Entity } from '@backstage/catalog-model';
import {
  AUDIENCE_ID_ANNOTATION,
  DESTINATION_ID_ANNOTATION,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * Catalog entities as the catalog module publishes them. Their names differ from the plugin's ids on purpose:
 * the components must read the id from the annotation.
 */

export function anAudienceEntity(audienceId = 'high-value-customers'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `audience-${audienceId}`,
      annotations: { [AUDIENCE_ID_ANNOTATION]: audienceId },
    },
    spec: { type: 'audience', owner: 'group:default/marketing' },
  };
}

export function aDestinationEntity(destinationId = 'salesforce-prod'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `destination-${destinationId}`,
      annotations: { [DESTINATION_ID_ANNOTATION]: destinationId },
    },
    spec: { type: 'audience-destination', owner: 'group:default/marketing' },
  };
}
