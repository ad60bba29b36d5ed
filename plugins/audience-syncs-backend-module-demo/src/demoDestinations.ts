import { DestinationDefinition } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { DemoConfig } from './readDemoConfig';

/**
 * One demo destination of each built-in type, plus an events-only webhook the builder shows disabled. The
 * credentials are the ones the vendor emulators accept (packages/destination-emulators, `DEMO_EMULATORS`).
 */
export function demoDestinations({
  emulators,
  activationDatabase,
}: DemoConfig): DestinationDefinition[] {
  return [
    {
      id: 'marketing-webhook',
      type: 'webhook',
      name: 'Marketing Webhook',
      description:
        'Signed JSON batches of adds, removes and updates for the marketing automation service.',
      owner: 'group:default/marketing',
      settings: {
        url: `${emulators.webhook}/webhook/marketing`,
        signingSecret: 'demo-signing-secret-0123456789abcdef',
        batchSize: 500,
        objects: [
          { id: 'newsletter', name: 'Newsletter' },
          { id: 'win-back', name: 'Win-back Campaign' },
        ],
      },
    },
    {
      id: 'product-analytics',
      type: 'webhook',
      name: 'Product Analytics (events only)',
      description:
        'The product analytics event stream. It takes tracked events, not lists, so it cannot receive an ' +
        'audience sync: the builder shows it disabled with the reason.',
      owner: 'group:default/growth',
      settings: {
        url: `${emulators.webhook}/webhook/product-analytics`,
        signingSecret: 'demo-analytics-signing-secret-0123456789',
        acceptsAudiences: false,
      },
    },
    {
      id: 'facebook-ads',
      type: 'facebook-ads',
      name: 'Facebook Ads (demo ad account)',
      description:
        'Custom Audiences of the demo ad account; emails, phones and MAIDs are SHA-256 hashed.',
      owner: 'group:default/growth',
      settings: {
        baseUrl: emulators.facebook,
        adAccountId: '1000000000000001',
        accessToken: 'demo-facebook-access-token',
        defaultCountryCallingCode: '1',
      },
    },
    {
      id: 'google-ads',
      type: 'google-ads',
      name: 'Google Ads (demo account)',
      description:
        'Customer Match lists through the Data Manager API; identifiers are normalized and hashed.',
      owner: 'group:default/growth',
      settings: {
        baseUrl: emulators.google,
        // An OAuth client and refresh token: access tokens come from the emulator's token endpoint.
        tokenUrl: `${emulators.google}/token`,
        clientId: 'demo-google-client-id.apps.googleusercontent.com',
        clientSecret: 'demo-google-client-secret',
        refreshToken: 'demo-google-refresh-token',
        operatingAccountId: '1234567890',
        defaultCountryCallingCode: '1',
      },
    },
    {
      id: 'salesforce',
      type: 'salesforce',
      name: 'Salesforce (demo org)',
      description:
        "Campaign members of the demo org's Contacts and Leads, matched by email or customer id.",
      owner: 'group:default/crm-team',
      settings: {
        instanceUrl: emulators.salesforce,
        clientId: 'demo-salesforce-client-id',
        clientSecret: 'demo-salesforce-client-secret',
        externalIdField: 'Customer_Id__c',
      },
    },
    {
      id: 'hubspot',
      type: 'hubspot',
      name: 'HubSpot (demo portal)',
      description: 'MANUAL contact lists; contacts upserted by email.',
      owner: 'group:default/crm-team',
      settings: {
        baseUrl: emulators.hubspot,
        accessToken: 'demo-hubspot-access-token',
      },
    },
    {
      id: 'braze',
      type: 'braze',
      name: 'Braze (demo workspace)',
      description:
        'Membership as values of the `audiences` array attribute; Braze segments filter on them.',
      owner: 'group:default/crm-team',
      settings: {
        baseUrl: emulators.braze,
        apiKey: 'demo-braze-rest-api-key',
        membershipAttribute: 'audiences',
        objects: [
          { id: 'active-users-cohort', name: 'Active Users Cohort' },
          { id: 'vip-customers', name: 'VIP Customers' },
        ],
      },
    },
    {
      id: 'mailchimp',
      type: 'mailchimp',
      name: 'Mailchimp (demo audience)',
      description:
        'Tags of the demo audience; contacts matched by email, new ones added as subscribed.',
      owner: 'group:default/crm-team',
      settings: {
        baseUrl: emulators.mailchimp,
        apiKey: 'demo-mailchimp-api-key-us6',
        listId: 'a1b2c3d4e5',
        newMemberStatus: 'subscribed',
      },
    },
    {
      id: 'warehouse-table',
      type: 'warehouse-table',
      name: 'Warehouse Table (activation database)',
      description:
        'Membership rows in audience_members of a local SQLite activation database.',
      owner: 'group:default/growth',
      settings: {
        client: activationDatabase.client,
        connection: activationDatabase.connection,
        table: 'audience_members',
        createTable: true,
        columns: {
          lifetime_value: 'decimal',
          plan_type: 'string',
          country: 'string',
        },
        objects: [{ id: 'high-value-customers', name: 'High Value Customers' }],
      },
    },
  ];
}
