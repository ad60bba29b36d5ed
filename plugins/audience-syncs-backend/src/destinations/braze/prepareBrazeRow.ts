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
import { BRAZE_RESERVED_KEYS } from './brazeSettings';
import { readIdentifier } from '../prepare/readIdentifier';
import { invalidEmail } from '../prepare/invalidEmail';

/** The user identifiers a sync can match on: Braze takes them raw, unhashed. */
export const BRAZE_IDENTIFIER_FIELDS: IdentifierField[] = [
  {
    field: 'external_id',
    label: 'External ID',
    entityKeys: ['user_id'],
    hashed: false,
  },
  { field: 'email', label: 'Email', entityKeys: ['email'], hashed: false },
];

/**
 * One member as a `/users/track` attributes object needs it: the external id trimmed, or the email trimmed and
 * lower-cased; the mapped fields become attributes (standard ones such as `first_name`, or custom ones), so
 * none may be an identifier key, the membership attribute or start with `$`.
 */
export function prepareBrazeRow(
  member: AudienceMember,
  target: SyncTarget,
  options: { membershipAttribute: string },
): PrepareResult {
  const { field } = target.identifier;
  const identified = readIdentifier(
    member,
    target,
    BRAZE_IDENTIFIER_FIELDS,
    'Braze',
  );
  if (!identified.ok) return identified;
  const { raw } = identified;
  let identifier = raw;
  if (field === 'email') {
    const email = normalizeEmail(raw);
    if (!email) {
      return invalidEmail();
    }
    identifier = email;
  }
  const reserved = [...BRAZE_RESERVED_KEYS, field, options.membershipAttribute];
  for (const mapping of target.fieldMappings) {
    const name = mapping.destinationField;
    if (reserved.includes(name) || name.startsWith('$') || name.trim() === '') {
      return {
        ok: false,
        code: 'invalid_field_mapping',
        reason: `'${name}' cannot be a Braze attribute of this sync: it is an identifier, the membership attribute '${options.membershipAttribute}', or starts with $`,
      };
    }
  }
  return preparedRow(member, target, identifier);
}
