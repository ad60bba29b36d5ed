import {
  IdentifierField,
  normalizeEmail,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  preparedRow,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { readIdentifier } from '../prepare/readIdentifier';
import { invalidEmail } from '../prepare/invalidEmail';

/** Contacts are found by email, the unique property batch upsert and read take as `idProperty`. */
export const HUBSPOT_IDENTIFIER_FIELDS: IdentifierField[] = [
  { field: 'email', label: 'Email', entityKeys: ['email'], hashed: false },
];

/**
 * One member as HubSpot matches it: the email trimmed and lower-cased, in the clear. The mapped
 * fields become contact properties.
 */
export function prepareHubSpotRow(
  member: AudienceMember,
  target: SyncTarget,
): PrepareResult {
  const identified = readIdentifier(
    member,
    target,
    HUBSPOT_IDENTIFIER_FIELDS,
    'HubSpot',
  );
  if (!identified.ok) return identified;
  const { raw } = identified;
  const email = normalizeEmail(raw);
  if (!email) {
    return invalidEmail();
  }
  return preparedRow(member, target, email);
}
