export { EntityDestinationSyncsCard } from './EntityDestinationSyncsCard';
export { isAudienceDestinationEntity } from './isAudienceDestinationEntity';
