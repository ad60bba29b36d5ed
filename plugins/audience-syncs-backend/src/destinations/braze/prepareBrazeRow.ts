import {
  IdentifierField,
  normalizeEmail,
} from '@internal/plugin-audience-syncs-common';
import {
  AudienceMember,
  mapFields,
  PrepareResult,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';
import { BRAZE_RESERVED_KEYS } from './readBrazeSettings';

/** The user identifiers a sync can match on (§5.3): Braze takes them raw, unhashed (§5.5). */
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
  const { entityKey, field } = target.identifier;
  const spec = BRAZE_IDENTIFIER_FIELDS.find(f => f.field === field);
  if (!spec || !spec.entityKeys.includes(entityKey)) {
    return {
      ok: false,
      code: 'unsupported_identifier',
      reason: `Braze cannot match '${field}' from the ${entityKey} key`,
    };
  }
  const raw = member.keys[entityKey]?.trim();
  if (!raw) {
    return {
      ok: false,
      code: 'missing_identifier',
      reason: `The member has no ${entityKey}`,
    };
  }
  let identifier = raw;
  if (field === 'email') {
    const email = normalizeEmail(raw);
    if (!email) {
      return {
        ok: false,
        code: 'invalid_email',
        reason: "The member's email is not a valid email address",
      };
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
  return {
    ok: true,
    row: {
      memberKey: member.memberKey,
      identifier,
      fields: mapFields(member, target.fieldMappings),
    },
  };
}
