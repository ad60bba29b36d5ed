/**
 * Shared contracts of the Audience Syncs plugin: used by the backend, the frontend and the scaffolder module.
 *
 * @packageDocumentation
 */

export * from './health';
export * from './types';
export * from './schemas';
export * from './permissions';
export * from './schedule';
export * from './problems';
export * from './identifiers';
export * from './catalog';
export * from './signals';
