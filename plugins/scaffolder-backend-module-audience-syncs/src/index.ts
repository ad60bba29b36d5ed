/**
 * Scaffolder module of Audience Syncs: the `audience-syncs:create` action behind the "Create Audience Sync"
 * template (`templates/create-audience-sync/template.yaml`).
 *
 * @packageDocumentation
 */

export { scaffolderModuleAudienceSyncs as default } from './module';
