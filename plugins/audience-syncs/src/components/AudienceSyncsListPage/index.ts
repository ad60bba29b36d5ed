export { AudienceSyncsListPage } from './AudienceSyncsListPage';
