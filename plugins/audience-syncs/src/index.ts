/**
 * Audience Syncs frontend plugin (legacy frontend system). The new frontend system entry is `./alpha`.
 *
 * @packageDocumentation
 */

export {
  audienceSyncsPlugin,
  AudienceSyncsPage,
  SegmentHomePage,
} from './plugin';
export * from './api';
export {
  EntityAudienceSyncsCard,
  EntityDestinationSyncsCard,
  EntityAudienceSyncsContent,
} from './entityExtensions';
export { isAudienceEntity } from './components/EntityAudienceSyncsCard';
export { isAudienceDestinationEntity } from './components/EntityDestinationSyncsCard';
export * from './scaffolderFieldExtensions';
export type { DestinationChoice } from './components/scaffolder/SyncBuilderFormData';
