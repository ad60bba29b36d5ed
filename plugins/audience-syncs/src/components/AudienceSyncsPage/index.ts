export { AudienceSyncsPage } from './AudienceSyncsPage';
