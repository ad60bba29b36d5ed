/**
 * Shared contracts of the Audience Syncs plugin: used by the backend, the frontend and the scaffolder module.
 *
 * @packageDocumentation
 */

export * from './health';
