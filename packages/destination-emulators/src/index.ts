/**
 * Loopback HTTP emulators of the destination vendors' audience APIs, for tests, the demo and benchmarks.
 *
 * @packageDocumentation
 */

export {
  startFacebookEmulator,
  FACEBOOK_EMULATOR_DEFAULTS,
} from './facebook/startFacebookEmulator';
export type { FacebookEmulatorOptions } from './facebook/startFacebookEmulator';
export { FACEBOOK_MAX_USERS_PER_REQUEST } from './facebook/facebookApi';
export type {
  FacebookAudienceSeed,
  FacebookAudienceSubtype,
} from './facebook/facebookApi';
export {
  startGoogleDataManagerEmulator,
  GOOGLE_EMULATOR_DEFAULTS,
} from './google/startGoogleDataManagerEmulator';
export type { GoogleDataManagerEmulatorOptions } from './google/startGoogleDataManagerEmulator';
export { GOOGLE_MAX_MEMBERS_PER_REQUEST } from './google/checkAudienceMembers';
export type { UploadKeyType } from './google/checkAudienceMembers';
export type { SeedUserList } from './google/googleUserLists';
export type { GoogleOAuthClient } from './google/googleAuth';
export {
  startWebhookSinkEmulator,
  WEBHOOK_SINK_DEFAULTS,
} from './webhook/startWebhookSinkEmulator';
export type { WebhookSinkEmulatorOptions } from './webhook/startWebhookSinkEmulator';
export type { WebhookSigningKey } from './webhook/verifyWebhookSignature';
export { DEMO_EMULATORS } from './demoEmulators';
export { startDemoEmulators } from './startDemoEmulators';
export type {
  DemoEmulatorName,
  StartedDemoEmulator,
} from './startDemoEmulators';
export type {
  EmulatedObject,
  EmulatorOptions,
  EmulatorStats,
  Faults,
  RateLimit,
  RunningEmulator,
} from './framework/types';
export {
  startBrazeEmulator,
  BRAZE_EMULATOR_DEFAULTS,
} from './braze/startBrazeEmulator';
export type { BrazeEmulatorOptions } from './braze/startBrazeEmulator';
export { BRAZE_MAX_OBJECTS_PER_REQUEST } from './braze/usersTrackRoute';
export {
  startMailchimpEmulator,
  MAILCHIMP_EMULATOR_DEFAULTS,
} from './mailchimp/startMailchimpEmulator';
export type { MailchimpEmulatorOptions } from './mailchimp/startMailchimpEmulator';
export type { SeedMailchimpList } from './mailchimp/MailchimpStore';
export { MAILCHIMP_MAX_MEMBERS_PER_BATCH } from './mailchimp/listRoutes';
export { MAILCHIMP_MAX_SEGMENT_CHANGES } from './mailchimp/segmentRoutes';
export {
  startSalesforceEmulator,
  SALESFORCE_EMULATOR_DEFAULTS,
} from './salesforce/startSalesforceEmulator';
export type { SalesforceEmulatorOptions } from './salesforce/startSalesforceEmulator';
export type {
  SalesforceOrgSeed,
  SeedSalesforceRecord,
} from './salesforce/SalesforceOrg';
export type { SalesforceClientCredentials } from './salesforce/salesforceAuth';
export { SALESFORCE_MAX_COLLECTION_RECORDS } from './salesforce/salesforceApi';
export {
  startHubSpotEmulator,
  HUBSPOT_EMULATOR_DEFAULTS,
} from './hubspot/startHubSpotEmulator';
export type { HubSpotEmulatorOptions } from './hubspot/startHubSpotEmulator';
export type {
  SeedHubSpotContact,
  SeedHubSpotList,
} from './hubspot/HubSpotPortal';
export { HUBSPOT_MAX_BATCH_INPUTS } from './hubspot/hubspotApi';
export type { HubSpotOAuthApp } from './hubspot/hubspotAuth';
export type {
  HubSpotPropertyType,
  SeedHubSpotProperty,
} from './hubspot/hubspotProperties';
