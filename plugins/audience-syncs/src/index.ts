/**
 * Audience Syncs frontend plugin (legacy frontend system). The new frontend system entry is `./alpha`.
 *
 * @packageDocumentation
 */

export { audienceSyncsPlugin, AudienceSyncsPage } from './plugin';
export * from './api';
