/**
 * The Audience Syncs demo module: a generated warehouse, demo audiences over it, and demo destinations at
 * the vendor emulators.
 *
 * @packageDocumentation
 */

export { audienceSyncsModuleDemo as default } from './module';
export { DEMO_AUDIENCES } from './demoAudiences';
