import {
  IdentifierField,
  normalizeEmail,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { PhoneDefaults } from '../prepare/normalizePhone';
import { prepareHashedAdRow } from '../prepare/prepareHashedAdRow';

/** The match keys a sync can use (schema keys), and the entity key that feeds each. */
export const FACEBOOK_IDENTIFIER_FIELDS: IdentifierField[] = [
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
  {
    field: 'EXTERN_ID',
    label: 'External ID',
    entityKeys: ['user_id'],
    hashed: false,
  },
];

/**
 * One member as Meta matches it: EMAIL trimmed and lower-cased, PHONE as E.164 digits without the `+`,
 * both SHA-256 hashed; MADID lower-cased with its hyphens and EXTERN_ID trimmed, both sent raw.
 */
export function prepareFacebookRow(
  member: AudienceMember,
  target: SyncTarget,
  settings: { phoneDefaults: PhoneDefaults },
): PrepareResult {
  return prepareHashedAdRow(
    member,
    target,
    {
      vendor: 'Facebook Ads',
      fields: FACEBOOK_IDENTIFIER_FIELDS,
      normalizeEmail: normalizeEmail,
      formatPhone: phone => phone.slice(1),
    },
    settings.phoneDefaults,
  );
}
