import { Audience, Destination } from '../types';

/** An evaluated audience with members and every entity key; overrides change any part. */
export function anAudience(overrides: Partial<Audience> = {}): Audience {
  return {
    id: 'high-value-customers',
    name: 'High value customers',
    entityType: 'users',
    owner: 'group:default/marketing',
    entityKeys: ['email', 'phone', 'user_id', 'device_id'],
    traits: ['lifetime_value', 'last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'daily' },
    memberCount: 12345,
    lastEvaluatedAt: '2026-11-30T06:00:00.000Z',
    lastEvaluation: null,
    ...overrides,
  };
}

/** A CRM: matched by email, a fixed list of fields, objects that Backstage may create. */
export function aCrmDestination(
  overrides: Partial<Destination> = {},
): Destination {
  return {
    id: 'salesforce-prod',
    type: 'salesforce',
    typeLabel: 'Salesforce',
    name: 'Salesforce production',
    owner: 'group:default/marketing',
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'Campaign',
      identifierFields: [
        {
          field: 'Email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: [
        { field: 'Customer_Value__c', label: 'Customer Value' },
        { field: 'Plan__c', label: 'Subscription Plan' },
      ],
      canCreateObjects: true,
      batchSize: 200,
    },
    ...overrides,
  };
}

/** An ad platform: hashed identifiers only, existing custom audiences only. */
export function anAdDestination(): Destination {
  return aCrmDestination({
    id: 'facebook-ads',
    type: 'facebook',
    typeLabel: 'Facebook Ads',
    name: 'Facebook Ads EU',
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'Custom Audience',
      identifierFields: [
        { field: 'EMAIL', label: 'Email', entityKeys: ['email'], hashed: true },
        {
          field: 'PHONE',
          label: 'Phone Number',
          entityKeys: ['phone'],
          hashed: true,
        },
        {
          field: 'MADID',
          label: 'Mobile Advertiser ID',
          entityKeys: ['device_id'],
          hashed: false,
        },
      ],
      additionalFields: 'none',
      canCreateObjects: false,
      batchSize: 10_000,
    },
  });
}
