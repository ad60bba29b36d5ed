export { EntityAudienceSyncsContent } from './EntityAudienceSyncsContent';
