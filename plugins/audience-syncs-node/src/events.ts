/**
 * Events topic (Backstage events service) on which the Audience Syncs backend announces that its audiences
 * or destinations may have changed: which exist, and their definitions. It publishes once each time it has
 * started, as it reads them at startup and they stay fixed until the next start. Evaluations do not publish:
 * member counts are live state, read through the API, not part of the definitions.
 *
 * @public
 */
export const AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC =
  'audience-syncs.definitions-changed';

/**
 * Payload of `AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC`: the audiences and destinations now defined. It is a
 * notification, not the state: subscribers re-read what they show through `audienceSyncsServiceRef`.
 *
 * @public
 */
export interface AudienceSyncsDefinitionsChangedPayload {
  audienceIds: string[];
  destinationIds: string[];
}
