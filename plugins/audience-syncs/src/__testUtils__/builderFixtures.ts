import { Destination } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { aDestination, anAudience } from './fixtures';

/** Destinations and a backend for the sync builder's fields, beside the CRM of `aDestination`. */

/** An ad platform: hashed identifiers only, existing custom audiences only. */
export function anAdDestination(
  overrides: Partial<Destination> = {},
): Destination {
  return aDestination({
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
    ...overrides,
  });
}

/** A destination that takes no audience syncs at all. */
export function aWebhookDestination(): Destination {
  const crm = aDestination();
  return aDestination({
    id: 'audit-webhook',
    type: 'webhook',
    typeLabel: 'Webhook',
    name: 'Audit webhook',
    capabilities: { ...crm.capabilities, supportsAudienceSyncs: false },
  });
}

/** An audience whose members carry only an email and a user id. */
export const anEmailOnlyAudience = () =>
  anAudience({
    id: 'newsletter-readers',
    name: 'Newsletter readers',
    entityKeys: ['email', 'user_id'],
    traits: [],
    attributes: ['country'],
    evaluationSchedule: { type: 'hourly' },
  });
