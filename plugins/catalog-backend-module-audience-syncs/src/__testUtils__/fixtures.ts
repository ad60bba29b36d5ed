import {
  Audience,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** An audience as the API lists it, evaluated once. */
export function anAudience(overrides: Partial<Audience> = {}): Audience {
  return {
    id: 'high-value-customers',
    name: 'High Value Customers',
    description: 'Customers who have spent at least $2,000 with us.',
    entityType: 'users',
    owner: 'group:default/marketing',
    entityKeys: ['email', 'phone', 'user_id', 'device_id'],
    traits: ['lifetime_value', 'last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'daily' },
    memberCount: 4512,
    lastEvaluatedAt: '2026-11-28T06:00:04.000Z',
    lastEvaluation: {
      id: 7,
      audienceId: 'high-value-customers',
      status: 'succeeded',
      startedAt: '2026-11-28T06:00:00.000Z',
      finishedAt: '2026-11-28T06:00:04.000Z',
      memberCount: 4512,
      error: null,
    },
    ...overrides,
  };
}

/** A destination as the API lists it. */
export function aDestination(
  overrides: Partial<Destination> = {},
): Destination {
  return {
    id: 'facebook-ads',
    type: 'facebook-ads',
    typeLabel: 'Facebook Ads',
    name: 'Facebook Ads (demo ad account)',
    description: 'Custom Audiences of the demo ad account.',
    owner: 'group:default/growth',
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'Custom Audience',
      identifierFields: [
        { field: 'EMAIL', label: 'Email', entityKeys: ['email'], hashed: true },
      ],
      additionalFields: 'none',
      canCreateObjects: true,
      batchSize: 10000,
    },
    ...overrides,
  };
}

/** The audiences of the demo portal (the demo module), as far as their entities go. */
export const demoAudiences: Audience[] = [
  anAudience(),
  anAudience({
    id: 'active-pro-enterprise',
    name: 'Active Pro & Enterprise',
    owner: 'group:default/growth',
    entityKeys: ['email', 'phone', 'user_id'],
  }),
  anAudience({
    id: 'newsletter-subscribers',
    name: 'Newsletter Subscribers',
    owner: 'group:default/crm-team',
    entityKeys: ['email', 'user_id'],
  }),
  anAudience({ id: 'recent-purchasers', name: 'Recent Purchasers' }),
  anAudience({
    id: 'lapsed-customers',
    name: 'Lapsed Customers',
    owner: 'group:default/crm-team',
  }),
  anAudience({
    id: 'mobile-app-users',
    name: 'Mobile App Users',
    entityKeys: ['device_id', 'user_id'],
  }),
  anAudience({
    id: 'enterprise-trials-antarctica',
    name: 'Enterprise Trials in Antarctica',
    memberCount: 0,
  }),
];

/** The destinations of the demo portal: one of each type. */
export const demoDestinations: Destination[] = [
  ['marketing-webhook', 'webhook', 'Webhook', 'Marketing Webhook'],
  ['facebook-ads', 'facebook-ads', 'Facebook Ads', 'Facebook Ads (demo)'],
  ['google-ads', 'google-ads', 'Google Ads', 'Google Ads (demo account)'],
  ['salesforce', 'salesforce', 'Salesforce', 'Salesforce (demo org)'],
  ['hubspot', 'hubspot', 'HubSpot', 'HubSpot (demo portal)'],
  ['braze', 'braze', 'Braze', 'Braze (demo workspace)'],
  ['mailchimp', 'mailchimp', 'Mailchimp', 'Mailchimp (demo audience)'],
  ['warehouse-table', 'warehouse-table', 'Warehouse Table', 'Warehouse Table'],
].map(([id, type, typeLabel, name]) =>
  aDestination({ id, type, typeLabel, name }),
);
