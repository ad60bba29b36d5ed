import {
  IdentifierField,
  normalizeGmailAddress,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { PhoneDefaults } from '../prepare/normalizePhone';
import { prepareHashedAdRow } from '../prepare/prepareHashedAdRow';

/**
 * The identifiers a sync can use, named after the Data Manager fields they fill: hashed email and
 * phone go to CONTACT_ID lists, raw mobile ids to MOBILE_ID lists, raw user ids to USER_ID lists.
 */
export const GOOGLE_IDENTIFIER_FIELDS: IdentifierField[] = [
  {
    field: 'emailAddress',
    label: 'Email',
    entityKeys: ['email'],
    hashed: true,
  },
  {
    field: 'phoneNumber',
    label: 'Phone Number',
    entityKeys: ['phone'],
    hashed: true,
  },
  {
    field: 'mobileId',
    label: 'Mobile Advertising ID',
    entityKeys: ['device_id'],
    hashed: false,
  },
  {
    field: 'userId',
    label: 'User ID (CRM)',
    entityKeys: ['user_id'],
    hashed: false,
  },
];

/**
 * One member as Customer Match matches it: email trimmed, lower-cased and, for Gmail, without dots
 * and `+suffix`; phone in E.164 with its `+`; both SHA-256 hashed (hex). Mobile ids lower-cased UUIDs and
 * user ids trimmed, both raw.
 */
export function prepareGoogleRow(
  member: AudienceMember,
  target: SyncTarget,
  settings: { phoneDefaults: PhoneDefaults },
): PrepareResult {
  return prepareHashedAdRow(
    member,
    target,
    {
      vendor: 'Google Ads',
      fields: GOOGLE_IDENTIFIER_FIELDS,
      normalizeEmail: normalizeGmailAddress,
      formatPhone: phone => phone,
    },
    settings.phoneDefaults,
  );
}
