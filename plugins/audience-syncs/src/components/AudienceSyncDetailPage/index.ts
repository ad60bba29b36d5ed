export { AudienceSyncDetailPage } from './AudienceSyncDetailPage';
