import {
  EntityKey,
  IdentifierField,
  normalizeMobileAdId,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  PrepareResult,
  sha256Hex,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { invalidEmail } from './invalidEmail';
import { normalizePhone, PhoneDefaults } from './normalizePhone';
import { readIdentifier } from './readIdentifier';

/** How an ad platform wants its match keys; the rest (hashing, MAIDs, raw ids) is the same everywhere. */
export interface AdPlatformMatchRules {
  vendor: string;
  fields: IdentifierField[];
  /** The vendor's email normalization, or undefined when it is not an email. */
  normalizeEmail: (raw: string) => string | undefined;
  /** The vendor's form of an E.164 number (e.g. without its `+`). */
  formatPhone: (e164: string) => string;
}

type Normalized =
  | { ok: true; value: string }
  | { ok: false; code: string; reason: string };

/**
 * One member as an ad platform matches it: the identifier normalized by the vendor's rules and SHA-256
 * hashed where its field is hashed (email, phone); mobile ad ids lower-cased and other ids trimmed, raw.
 */
export function prepareHashedAdRow(
  member: AudienceMember,
  target: SyncTarget,
  rules: AdPlatformMatchRules,
  phoneDefaults: PhoneDefaults,
): PrepareResult {
  const identified = readIdentifier(member, target, rules.fields, rules.vendor);
  if (!identified.ok) return identified;
  const { spec, raw } = identified;
  const normalized = normalize(
    target.identifier.entityKey,
    raw,
    rules,
    phoneDefaults,
  );
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
  rules: AdPlatformMatchRules,
  phoneDefaults: PhoneDefaults,
): Normalized {
  switch (key) {
    case 'email': {
      const email = rules.normalizeEmail(raw);
      return email ? { ok: true, value: email } : invalidEmail();
    }
    case 'phone': {
      const phone = normalizePhone(raw, phoneDefaults);
      if (phone) return { ok: true, value: rules.formatPhone(phone) };
      const hasDefault =
        phoneDefaults.defaultRegion || phoneDefaults.defaultCallingCode;
      return {
        ok: false,
        code: 'invalid_phone',
        reason:
          hasDefault || raw.startsWith('+')
            ? "The member's phone is not a valid phone number"
            : "The member's phone is not a valid phone number: it has no country code and the destination sets no defaultRegion",
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
