/**
 * The fixed ports and credentials `main.ts` starts the emulators with, for the demo destinations of
 * plugins/audience-syncs-backend-module-demo. Ports 7103–7106 are kept for Salesforce, HubSpot, Braze and
 * Mailchimp.
 */
export const DEMO_EMULATORS = {
  facebook: {
    port: 7101,
    portVariable: 'FACEBOOK_EMULATOR_PORT',
    adAccountId: '1000000000000001',
    accessToken: 'demo-facebook-access-token',
    audiences: [{ id: '23849182047670582', name: 'High Value Customers' }],
  },
  google: {
    port: 7102,
    portVariable: 'GOOGLE_EMULATOR_PORT',
    accountId: '1234567890',
    accessToken: 'demo-google-access-token',
    /** The demo destination's OAuth client and refresh token, exchanged at the emulator's `/token`. */
    clientId: 'demo-google-client-id.apps.googleusercontent.com',
    clientSecret: 'demo-google-client-secret',
    refreshToken: 'demo-google-refresh-token',
    userLists: [
      {
        accountId: '1234567890',
        id: '7090784486',
        displayName: 'High Value Customers',
        uploadKeyType: 'CONTACT_ID' as const,
      },
    ],
  },
  webhook: {
    port: 7077,
    portVariable: 'WEBHOOK_SINK_PORT',
    signingSecret: 'demo-signing-secret-0123456789abcdef',
  },
  salesforce: {
    port: 7103,
    portVariable: 'SALESFORCE_EMULATOR_PORT',
    accessToken: 'demo-salesforce-access-token',
    clientId: 'demo-salesforce-client-id',
    clientSecret: 'demo-salesforce-client-secret',
    externalIdField: 'Customer_Id__c',
    customFields: [
      { name: 'Plan_Type__c', label: 'Plan Type' },
      {
        name: 'Lifetime_Value__c',
        label: 'Lifetime Value (USD)',
        type: 'currency',
      },
      {
        name: 'Last_Purchase_Date__c',
        label: 'Last Purchase Date',
        type: 'date',
      },
    ],
    campaigns: [{ Name: 'High Value Customers' }],
  },
  hubspot: {
    port: 7104,
    portVariable: 'HUBSPOT_EMULATOR_PORT',
    accessToken: 'demo-hubspot-access-token',
    lists: [{ listId: '1001', name: 'Newsletter Subscribers' }],
    customProperties: [
      { name: 'plan_type', label: 'Plan Type' },
      {
        name: 'lifetime_value_usd',
        label: 'Lifetime Value (USD)',
        type: 'number',
      },
      { name: 'last_purchase_date', label: 'Last Purchase Date', type: 'date' },
      { name: 'signup_date', label: 'Signup Date', type: 'date' },
    ],
  },
  braze: {
    port: 7105,
    portVariable: 'BRAZE_EMULATOR_PORT',
    apiKey: 'demo-braze-rest-api-key',
    membershipAttribute: 'audiences',
    objects: [
      { id: 'active-users-cohort', name: 'Active Users Cohort' },
      { id: 'vip-customers', name: 'VIP Customers' },
    ],
  },
  mailchimp: {
    port: 7106,
    portVariable: 'MAILCHIMP_EMULATOR_PORT',
    apiKey: 'demo-mailchimp-api-key-us6',
    dataCenter: 'us6',
    lists: [
      {
        id: 'a1b2c3d4e5',
        name: 'SignalSmith Newsletter',
        tags: [{ id: 10001, name: 'Newsletter Subscribers' }],
      },
    ],
  },
  /** Accepted uploads land after this long, as the vendors process them asynchronously. */
  applyDelayMs: 2000,
} as const;
