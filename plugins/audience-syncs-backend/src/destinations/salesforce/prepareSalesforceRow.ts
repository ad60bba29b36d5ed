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

/** Salesforce text fields, an external id among them, hold at most 255 characters. */
const MAX_EXTERNAL_ID_LENGTH = 255;

/**
 * The identifiers a sync can match Contacts and Leads on (§3.4): Email, and the org's external id field
 * when the destination names one. Values are sent in the clear: Salesforce matches plain values.
 */
export function salesforceIdentifierFields(
  externalIdField?: string,
): IdentifierField[] {
  return [
    { field: 'Email', label: 'Email', entityKeys: ['email'], hashed: false },
    ...(externalIdField
      ? [
          {
            field: externalIdField,
            label: `External ID (${externalIdField})`,
            entityKeys: ['user_id' as const],
            hashed: false,
          },
        ]
      : []),
  ];
}

/**
 * One member as the connector looks it up (§3.9): the email trimmed and lower-cased (SOQL compares
 * without regard to case, and the connector matches results the same way), or the external id trimmed.
 * The mapped fields go to the member's Contact or Lead as they are.
 */
export function prepareSalesforceRow(
  member: AudienceMember,
  target: SyncTarget,
  options: { externalIdField?: string },
): PrepareResult {
  const { entityKey, field } = target.identifier;
  const spec = salesforceIdentifierFields(options.externalIdField).find(
    f => f.field === field,
  );
  if (!spec || !spec.entityKeys.includes(entityKey)) {
    return {
      ok: false,
      code: 'unsupported_identifier',
      reason: `Salesforce cannot match '${field}' from the ${entityKey} key`,
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
  let identifier: string;
  if (entityKey === 'email') {
    const email = normalizeEmail(raw);
    if (!email) {
      return {
        ok: false,
        code: 'invalid_email',
        reason: "The member's email is not a valid email address",
      };
    }
    identifier = email;
  } else {
    if (raw.length > MAX_EXTERNAL_ID_LENGTH) {
      return {
        ok: false,
        code: 'invalid_external_id',
        reason: `The member's ${entityKey} is longer than the ${MAX_EXTERNAL_ID_LENGTH} characters of a Salesforce text field`,
      };
    }
    identifier = raw;
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
