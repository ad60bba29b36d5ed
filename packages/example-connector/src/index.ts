/**
 * An example Audience Syncs connector module: a "contact lists" vendor, built with the connector kit.
 *
 * @packageDocumentation
 */

export { audienceSyncsModuleContactLists as default } from './module';
export { contactListsConnector } from './contactListsConnector';
