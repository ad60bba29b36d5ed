import {
  EntityKey,
  IdentifierField,
  normalizeEmail,
  normalizeMobileAdId,
  normalizePhoneE164,
} from '@internal/plugin-audience-syncs-common';
import {
  AudienceMember,
  PrepareResult,
  sha256Hex,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';

/** The match keys a sync can use (§1.3 schema keys), and the entity key that feeds each. */
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

type Normalized =
  | { ok: true; value: string }
  | { ok: false; code: string; reason: string };

/**
 * One member as Meta matches it (§1.4): EMAIL trimmed and lower-cased, PHONE as E.164 digits without the `+`,
 * both SHA-256 hashed; MADID lower-cased with its hyphens and EXTERN_ID trimmed, both sent raw.
 */
export function prepareFacebookRow(
  member: AudienceMember,
  target: SyncTarget,
  options: { defaultCountryCallingCode?: string },
): PrepareResult {
  const { entityKey, field } = target.identifier;
  const spec = FACEBOOK_IDENTIFIER_FIELDS.find(f => f.field === field);
  if (!spec || !spec.entityKeys.includes(entityKey)) {
    return {
      ok: false,
      code: 'unsupported_identifier',
      reason: `Facebook Ads cannot match '${field}' from the ${entityKey} key`,
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
      const email = normalizeEmail(raw);
      return email
        ? { ok: true, value: email }
        : {
            ok: false,
            code: 'invalid_email',
            reason: "The member's email is not a valid email address",
          };
    }
    case 'phone': {
      const phone = normalizePhoneE164(raw, options);
      return phone
        ? { ok: true, value: phone.slice(1) }
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
