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

/** Contacts are found by email, the unique property batch upsert and read take as `idProperty` (§4.3). */
export const HUBSPOT_IDENTIFIER_FIELDS: IdentifierField[] = [
  { field: 'email', label: 'Email', entityKeys: ['email'], hashed: false },
];

/**
 * One member as HubSpot matches it (§4.5): the email trimmed and lower-cased, in the clear. The mapped
 * fields become contact properties.
 */
export function prepareHubSpotRow(
  member: AudienceMember,
  target: SyncTarget,
): PrepareResult {
  const { entityKey, field } = target.identifier;
  const spec = HUBSPOT_IDENTIFIER_FIELDS.find(f => f.field === field);
  if (!spec || !spec.entityKeys.includes(entityKey)) {
    return {
      ok: false,
      code: 'unsupported_identifier',
      reason: `HubSpot cannot match '${field}' from the ${entityKey} key`,
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
  const email = normalizeEmail(raw);
  if (!email) {
    return {
      ok: false,
      code: 'invalid_email',
      reason: "The member's email is not a valid email address",
    };
  }
  return {
    ok: true,
    row: {
      memberKey: member.memberKey,
      identifier: email,
      fields: mapFields(member, target.fieldMappings),
    },
  };
}
