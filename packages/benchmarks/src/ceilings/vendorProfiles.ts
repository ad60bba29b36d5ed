import {
  BRAZE_EMULATOR_DEFAULTS,
  BRAZE_MAX_OBJECTS_PER_REQUEST,
  FACEBOOK_MAX_USERS_PER_REQUEST,
  GOOGLE_MAX_MEMBERS_PER_REQUEST,
  HUBSPOT_MAX_BATCH_INPUTS,
  MAILCHIMP_MAX_MEMBERS_PER_BATCH,
  SALESFORCE_MAX_COLLECTION_RECORDS,
  FACEBOOK_EMULATOR_DEFAULTS,
  GOOGLE_EMULATOR_DEFAULTS,
  HUBSPOT_EMULATOR_DEFAULTS,
  SALESFORCE_EMULATOR_DEFAULTS,
  startBrazeEmulator,
  startFacebookEmulator,
  startGoogleDataManagerEmulator,
  startHubSpotEmulator,
  startMailchimpEmulator,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import { VendorProfile } from './VendorProfile';

const TOKEN = 'bench-token';
const OBJECT = 'Benchmark audience';
/** The generated members' emails (see generateAudience). */
const email = (i: number) => `user${i}@example.com`;

/**
 * The six vendors with a request budget or connection limit, each as its conformance suite sets it up,
 * with one object for the sync. Emulators apply accepted changes at once (applyDelayMs 0): nothing waits
 * for a flush, and the ledger of accepted changes does not pile up.
 */
export const VENDOR_PROFILES: VendorProfile[] = [
  {
    name: 'facebook',
    maxBatch: FACEBOOK_MAX_USERS_PER_REQUEST,
    label: 'Facebook Ads',
    connectorType: 'facebook-ads',
    documentedLimit: FACEBOOK_EMULATOR_DEFAULTS.rateLimit,
    limitText: '190,000 calls/hour (custom_audience BUC)',
    speedup: 1,
    identifierField: 'EMAIL',
    objectName: OBJECT,
    start: () =>
      startFacebookEmulator({
        adAccountId: '1000000000000042',
        accessTokens: [TOKEN],
        audiences: [{ id: '23849182047670582', name: OBJECT }],
        applyDelayMs: 0,
      }),
    settings: emulator => ({
      baseUrl: emulator.url,
      adAccountId: 'act_1000000000000042',
      accessToken: TOKEN,
    }),
  },
  {
    name: 'google',
    maxBatch: GOOGLE_MAX_MEMBERS_PER_REQUEST,
    label: 'Google Ads (Data Manager)',
    connectorType: 'google-ads',
    documentedLimit: GOOGLE_EMULATOR_DEFAULTS.rateLimit,
    limitText: '300 requests/minute (IngestionService)',
    speedup: 1,
    identifierField: 'emailAddress',
    objectName: OBJECT,
    start: () =>
      startGoogleDataManagerEmulator({
        accessTokens: [TOKEN],
        accountIds: ['7693729833'],
        userLists: [
          {
            accountId: '7693729833',
            id: '7090784486',
            displayName: OBJECT,
            uploadKeyType: 'CONTACT_ID',
          },
        ],
        applyDelayMs: 0,
      }),
    settings: emulator => ({
      baseUrl: emulator.url,
      operatingAccountId: '7693729833',
      accessToken: TOKEN,
    }),
  },
  {
    name: 'salesforce',
    maxBatch: SALESFORCE_MAX_COLLECTION_RECORDS,
    label: 'Salesforce',
    connectorType: 'salesforce',
    documentedLimit: SALESFORCE_EMULATOR_DEFAULTS.rateLimit,
    limitText: '15,000 API calls/day (Developer Edition), run 100× faster',
    speedup: 100,
    identifierField: 'Email',
    objectName: OBJECT,
    // Campaign members must be Contacts (or Leads) the org already has.
    start: members =>
      startSalesforceEmulator({
        accessTokens: [TOKEN],
        org: {
          contacts: Array.from({ length: members }, (_, i) => ({
            LastName: `Member ${i}`,
            Email: email(i),
          })),
          campaigns: [{ Name: OBJECT }],
        },
      }),
    settings: emulator => ({
      instanceUrl: emulator.url,
      accessToken: TOKEN,
      // The org's allocation as the destination's cap: without one the connector sends unthrottled.
      apiRequestsPerDay: SALESFORCE_EMULATOR_DEFAULTS.rateLimit.requests,
    }),
  },
  {
    name: 'hubspot',
    maxBatch: HUBSPOT_MAX_BATCH_INPUTS,
    label: 'HubSpot',
    connectorType: 'hubspot',
    documentedLimit: HUBSPOT_EMULATOR_DEFAULTS.rateLimit,
    limitText: '100 requests/10 s (Free/Starter private app)',
    speedup: 1,
    identifierField: 'email',
    objectName: OBJECT,
    start: () =>
      startHubSpotEmulator({
        accessTokens: [TOKEN],
        lists: [{ listId: '1001', name: OBJECT }],
      }),
    settings: emulator => ({ baseUrl: emulator.url, accessToken: TOKEN }),
  },
  {
    name: 'braze',
    maxBatch: BRAZE_MAX_OBJECTS_PER_REQUEST,
    label: 'Braze',
    connectorType: 'braze',
    documentedLimit: BRAZE_EMULATOR_DEFAULTS.rateLimit,
    limitText: '3,000 requests/3 s (/users/track)',
    speedup: 1,
    identifierField: 'email',
    objectName: OBJECT,
    start: () =>
      startBrazeEmulator({
        apiKeys: [TOKEN],
        objects: [{ id: 'bench-cohort', name: OBJECT }],
        applyDelayMs: 0,
      }),
    // The emulator takes 75 per request, as accounts on the legacy data-point plans do.
    settings: emulator => ({
      baseUrl: emulator.url,
      apiKey: TOKEN,
      objects: [{ id: 'bench-cohort', name: OBJECT }],
      batchSize: BRAZE_MAX_OBJECTS_PER_REQUEST,
    }),
  },
  {
    name: 'mailchimp',
    maxBatch: MAILCHIMP_MAX_MEMBERS_PER_BATCH,
    label: 'Mailchimp',
    connectorType: 'mailchimp',
    documentedLimit: null,
    limitText: '10 simultaneous connections, no request budget',
    speedup: 1,
    identifierField: 'email_address',
    objectName: OBJECT,
    start: () =>
      startMailchimpEmulator({
        apiKeys: ['3c7e5f0a9b2d4e6f8a1c3e5f7a9b1d3e-us6'],
        lists: [
          {
            id: 'c0ffee1234',
            name: 'Benchmark list',
            tags: [{ id: 10001, name: OBJECT }],
          },
        ],
      }),
    settings: emulator => ({
      baseUrl: emulator.url,
      apiKey: '3c7e5f0a9b2d4e6f8a1c3e5f7a9b1d3e-us6',
      listId: 'c0ffee1234',
      newMemberStatus: 'subscribed',
    }),
  },
];

export const VENDOR_NAMES = VENDOR_PROFILES.map(profile => profile.name);
