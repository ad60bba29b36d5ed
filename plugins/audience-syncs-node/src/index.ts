/**
 * Contracts for backend modules of the Audience Syncs plugin: the audience-source and destination-connector
 * extension points and the interfaces they take, and the kit connectors are built with
 * (`createDestinationConnector`, `HttpTransport`, setting readers).
 *
 * @packageDocumentation
 */

export * from './audiences';
export * from './SqlAudienceSource';
export * from './connectors';
export * from './createDestinationConnector';
export * from './createdObject';
export * from './extensions';
export * from './http';
export * from './settings';
export * from './mapFields';
export * from './preparedRow';
export * from './convertFieldValue';
export * from './hashing';
export * from './AudienceSyncsService';
export * from './events';
export * from './warehouse';
