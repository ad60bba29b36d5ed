/**
 * The Audience Syncs backend plugin.
 *
 * @packageDocumentation
 */

export { audienceSyncsPlugin as default } from './plugin';
