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
import { readIdentifier } from '../prepare/readIdentifier';
import { invalidEmail } from '../prepare/invalidEmail';

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
  const { entityKey } = target.identifier;
  const identified = readIdentifier(
    member,
    target,
    FACEBOOK_IDENTIFIER_FIELDS,
    'Facebook Ads',
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
      const email = normalizeEmail(raw);
      return email ? { ok: true, value: email } : invalidEmail();
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
