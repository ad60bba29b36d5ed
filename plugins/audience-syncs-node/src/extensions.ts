import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AudienceSource } from './audiences';
import { DestinationConnector } from './connectors';

export interface AudienceSyncsDestinationsExtensionPoint {
  addDestinationConnector(
    ...connectors: Array<DestinationConnector | DestinationConnector[]>
  ): void;
}

/** Backend modules add destination types (connectors) through this point. */
export const audienceSyncsDestinationsExtensionPoint =
  createExtensionPoint<AudienceSyncsDestinationsExtensionPoint>({
    id: 'audience-syncs.destinations',
  });

export interface AudienceSyncsAudienceSourcesExtensionPoint {
  addAudienceSource(...sources: Array<AudienceSource | AudienceSource[]>): void;
}

/** Backend modules add audience sources (beyond the built-in SQL one) through this point. */
export const audienceSyncsAudienceSourcesExtensionPoint =
  createExtensionPoint<AudienceSyncsAudienceSourcesExtensionPoint>({
    id: 'audience-syncs.audience-sources',
  });
