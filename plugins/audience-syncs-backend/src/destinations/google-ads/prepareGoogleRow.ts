import {
  EntityKey,
  IdentifierField,
  normalizeGmailAddress,
  normalizeMobileAdId,
  normalizePhoneE164,
} from '@internal/plugin-audience-syncs-common';
import {
  AudienceMember,
  PrepareResult,
  sha256Hex,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';
import { readIdentifier } from '../prepare/readIdentifier';
import { invalidEmail } from '../prepare/invalidEmail';

/**
 * The identifiers a sync can use, named after the Data Manager fields they fill (§2.1): hashed email and
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

type Normalized =
  | { ok: true; value: string }
  | { ok: false; code: string; reason: string };

/**
 * One member as Customer Match matches it (§2.3): email trimmed, lower-cased and, for Gmail, without dots
 * and `+suffix`; phone in E.164 with its `+`; both SHA-256 hashed (hex). Mobile ids lower-cased UUIDs and
 * user ids trimmed, both raw.
 */
export function prepareGoogleRow(
  member: AudienceMember,
  target: SyncTarget,
  options: { defaultCountryCallingCode?: string },
): PrepareResult {
  const { entityKey } = target.identifier;
  const identified = readIdentifier(
    member,
    target,
    GOOGLE_IDENTIFIER_FIELDS,
    'Google Ads',
  );
  if (!identified.ok) return identified;
  const { spec, raw } = identified;
  const normalized = normalize(entityKey, raw, options);
  if (!normalized.ok) return normalized;
  return {
    ok: true,
    row: {
      memberKey: member.memberKey,
      identifier: spec.hashed ? sha256Hex(normalized.value) : normalized.value,
      fields: {},
    },
  };
}

function normalize(
  key: EntityKey,
  raw: string,
  options: { defaultCountryCallingCode?: string },
): Normalized {
  switch (key) {
    case 'email': {
      const email = normalizeGmailAddress(raw);
      return email ? { ok: true, value: email } : invalidEmail();
    }
    case 'phone': {
      const phone = normalizePhoneE164(raw, options);
      return phone
        ? { ok: true, value: phone }
        : {
            ok: false,
            code: 'invalid_phone',
            reason: options.defaultCountryCallingCode
              ? "The member's phone cannot be made an E.164 number"
              : "The member's phone cannot be made an E.164 number: it has no country code and the destination sets no defaultCountryCallingCode",
          };
    }
    case 'device_id': {
      const id = normalizeMobileAdId(raw);
      return id
        ? { ok: true, value: id }
        : {
            ok: false,
            code: 'invalid_device_id',
            reason:
              "The member's device_id is not a mobile advertising ID (IDFA/AAID, UUID form)",
          };
    }
    default:
      return { ok: true, value: raw };
  }
}
