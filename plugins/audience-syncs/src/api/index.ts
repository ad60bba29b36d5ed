export * from './AudienceSyncsApi';
export * from './AudienceSyncsClient';
