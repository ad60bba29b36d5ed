/**
 * Catalog backend module of Audience Syncs: publishes audiences and destinations as `Resource` entities.
 *
 * @packageDocumentation
 */

export { catalogModuleAudienceSyncs as default } from './module';
