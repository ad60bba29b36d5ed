export { EntityAudienceSyncsCard } from './EntityAudienceSyncsCard';
export { isAudienceEntity } from './isAudienceEntity';
