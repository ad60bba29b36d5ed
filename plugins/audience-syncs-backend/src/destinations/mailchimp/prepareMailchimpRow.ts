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
import { invalidEmail } from '../prepare/invalidEmail';

/** Contacts are matched on their email, sent raw; only URLs carry its MD5 hash. */
export const MAILCHIMP_IDENTIFIER_FIELDS: IdentifierField[] = [
  {
    field: 'email_address',
    label: 'Email',
    entityKeys: ['email'],
    hashed: false,
  },
];

/** A merge tag: up to 10 letters, digits or underscores. */
const MERGE_TAG = /^[A-Za-z0-9_]{1,10}$/;

/**
 * One member as a contact: the email trimmed and lower-cased (so the subscriber hash matches however the
 * warehouse spells it), and the mapped fields as merge fields, each named by a merge tag such as `FNAME`.
 */
export function prepareMailchimpRow(
  member: AudienceMember,
  target: SyncTarget,
): PrepareResult {
  const { entityKey, field } = target.identifier;
  if (field !== 'email_address' || entityKey !== 'email') {
    return {
      ok: false,
      code: 'unsupported_identifier',
      reason: `Mailchimp cannot match '${field}' from the ${entityKey} key: contacts are matched by email`,
    };
  }
  const raw = member.keys.email?.trim();
  if (!raw) {
    return {
      ok: false,
      code: 'missing_identifier',
      reason: 'The member has no email',
    };
  }
  const email = normalizeEmail(raw);
  if (!email) {
    return invalidEmail();
  }
  for (const { destinationField } of target.fieldMappings) {
    if (
      !MERGE_TAG.test(destinationField) ||
      destinationField.toUpperCase() === 'EMAIL'
    ) {
      return {
        ok: false,
        code: 'invalid_field_mapping',
        reason: `'${destinationField}' is not a Mailchimp merge tag (up to 10 letters, digits or _, e.g. FNAME; EMAIL is the identifier)`,
      };
    }
  }
  return preparedRow(member, target, email);
}
