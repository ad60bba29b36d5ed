import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { AudienceSource } from './audiences';
import { DestinationConnector } from './connectors';

/**
 * A destination that a backend module defines in code: the fields of an `audienceSyncs.destinations`
 * entry, checked the same way and listed after the configured ones.
 *
 * @public
 */
export interface DestinationDefinition {
  /** Stable kebab-case id, unique among configured and added destinations. */
  id: string;
  /** The connector type, e.g. `webhook`. */
  type: string;
  name: string;
  description?: string;
  /** Owner entity ref. */
  owner: string;
  /**
   * The connector's settings, as config would hold them. They never reach the browser; Backstage redacts
   * secrets from logs only when they come from config, so read real credentials from config.
   */
  settings?: JsonObject;
}

/**
 * What modules call to add connectors and destinations.
 *
 * @public
 */
export interface AudienceSyncsDestinationsExtensionPoint {
  addDestinationConnector(
    ...connectors: Array<DestinationConnector | DestinationConnector[]>
  ): void;
  /** Adds destinations beside `audienceSyncs.destinations`; an id used twice stops the backend. */
  addDestination(
    ...destinations: Array<DestinationDefinition | DestinationDefinition[]>
  ): void;
}

/**
 * Backend modules add destination types (connectors) and destinations through this point.
 *
 * @public
 */
export const audienceSyncsDestinationsExtensionPoint =
  createExtensionPoint<AudienceSyncsDestinationsExtensionPoint>({
    id: 'audience-syncs.destinations',
  });

/**
 * What modules call to add the sources audiences are read from.
 *
 * @public
 */
export interface AudienceSyncsAudienceSourcesExtensionPoint {
  addAudienceSource(...sources: Array<AudienceSource | AudienceSource[]>): void;
}

/**
 * Backend modules add audience sources (beyond the built-in SQL one) through this point.
 *
 * @public
 */
export const audienceSyncsAudienceSourcesExtensionPoint =
  createExtensionPoint<AudienceSyncsAudienceSourcesExtensionPoint>({
    id: 'audience-syncs.audience-sources',
  });
