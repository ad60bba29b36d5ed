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

/** Salesforce text fields, an external id among them, hold at most 255 characters. */
const MAX_EXTERNAL_ID_LENGTH = 255;

/**
 * The identifiers a sync can match Contacts and Leads on: Email, and the org's external id field
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
 * One member as the connector looks it up: the email trimmed and lower-cased (SOQL compares
 * without regard to case, and the connector matches results the same way), or the external id trimmed.
 * The mapped fields go to the member's Contact or Lead as they are.
 */
export function prepareSalesforceRow(
  member: AudienceMember,
  target: SyncTarget,
  options: { externalIdField?: string },
): PrepareResult {
  const { entityKey } = target.identifier;
  const identified = readIdentifier(
    member,
    target,
    salesforceIdentifierFields(options.externalIdField),
    'Salesforce',
  );
  if (!identified.ok) return identified;
  const { raw } = identified;
  let identifier: string;
  if (entityKey === 'email') {
    const email = normalizeEmail(raw);
    if (!email) {
      return invalidEmail();
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
  return preparedRow(member, target, identifier);
}
