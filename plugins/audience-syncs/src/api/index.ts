export * from './AudienceSyncsApi';
export * from './AudienceSyncsClient';
export * from './syncProblemsOf';
