/**
 * Contracts for backend modules of the Audience Syncs plugin: the audience-source and destination-connector
 * extension points and the interfaces they take.
 *
 * @packageDocumentation
 */

export { AUDIENCE_SYNCS_PLUGIN_ID } from '@internal/plugin-audience-syncs-common';
