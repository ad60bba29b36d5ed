/**
 * Contracts for backend modules of the Audience Syncs plugin: the audience-source and destination-connector
 * extension points and the interfaces they take.
 *
 * @packageDocumentation
 */

export * from './audiences';
export * from './SqlAudienceSource';
export * from './connectors';
export * from './extensions';
export * from './mapFields';
export * from './hashing';
export * from './AudienceSyncsService';
export * from './events';
