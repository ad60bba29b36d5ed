import { FieldViolation, missingField } from './googleErrors';

/** Per request: at most 10,000 audience members, 10 identifiers per member, 10 destinations. */
export const GOOGLE_MAX_MEMBERS_PER_REQUEST = 10_000;
export const GOOGLE_MAX_IDENTIFIERS_PER_MEMBER = 10;

export type UploadKeyType =
  | 'CONTACT_ID'
  | 'MOBILE_ID'
  | 'USER_ID'
  | 'PAIR_ID'
  | 'PSEUDONYMOUS_ID';

/** Which member data each list type takes. */
const DATA_FOR_KEY_TYPE: Record<UploadKeyType, string> = {
  CONTACT_ID: 'userData',
  MOBILE_ID: 'mobileData',
  USER_ID: 'userIdData',
  PAIR_ID: 'pairData',
  PSEUDONYMOUS_ID: 'ppidData',
};
const MEMBER_DATA = [
  'userData',
  'pairData',
  'mobileData',
  'userIdData',
  'ppidData',
  'compositeData',
];
const SNAKE: Record<string, string> = {
  userData: 'user_data',
  pairData: 'pair_data',
  mobileData: 'mobile_data',
  userIdData: 'user_id_data',
  ppidData: 'ppid_data',
  compositeData: 'composite_data',
};

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const MOBILE_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CheckedMembers {
  violations: FieldViolation[];
  /** Each member's identifiers, hashes as lowercase hex, as the emulator keeps them. */
  identifiers: string[][];
}

/**
 * Validates `audienceMembers` against the destination lists' upload key types and the hash encoding, one
 * violation per offending field, with field paths as the API reports them (`audience_members[3].…`).
 */
export function checkAudienceMembers(
  members: unknown[],
  encoding: 'HEX' | 'BASE64',
  keyTypes: UploadKeyType[],
): CheckedMembers {
  const violations: FieldViolation[] = [];
  const identifiers: string[][] = [];
  const kinds = new Set<string>();

  members.forEach((member, index) => {
    const at = `audience_members[${index}]`;
    const present = MEMBER_DATA.filter(
      kind => typeof (member as Record<string, unknown>)?.[kind] === 'object',
    );
    if (present.length !== 1) {
      violations.push({
        field: at,
        description: 'An audience member must set exactly one kind of data.',
        reason: 'INVALID_AUDIENCE_MEMBER',
      });
      identifiers.push([]);
      return;
    }
    const kind = present[0];
    kinds.add(kind);
    if (keyTypes.some(type => DATA_FOR_KEY_TYPE[type] !== kind)) {
      violations.push({
        field: at,
        description:
          'Type of the user list is not applicable for this request.',
        reason: 'INVALID_USER_LIST_TYPE',
      });
    }
    const data = (member as Record<string, Record<string, unknown>>)[kind];
    const path = `${at}.${SNAKE[kind]}`;
    identifiers.push(checkData(kind, data, path, encoding, violations));
  });

  if (kinds.size > 1) {
    violations.push({
      field: 'audience_members',
      description:
        'Ingesting multiple data types in a single request is not allowed.',
      reason: 'MULTIPLE_DATA_TYPES_NOT_ALLOWED',
    });
  }
  return { violations, identifiers };
}

function checkData(
  kind: string,
  data: Record<string, unknown>,
  path: string,
  encoding: 'HEX' | 'BASE64',
  violations: FieldViolation[],
): string[] {
  switch (kind) {
    case 'userData':
      return checkUserData(data, path, encoding, violations);
    case 'mobileData': {
      const ids = data.mobileIds;
      if (!Array.isArray(ids) || ids.length === 0) {
        violations.push(missingField(`${path}.mobile_ids`));
        return [];
      }
      if (ids.length > GOOGLE_MAX_IDENTIFIERS_PER_MEMBER) {
        violations.push({
          field: `${path}.mobile_ids`,
          description:
            'Maximum number of mobile IDs allowed per audience member is 10.',
          reason: 'TOO_MANY_USER_IDENTIFIERS',
        });
      }
      ids.forEach((id, i) => {
        if (typeof id !== 'string' || !MOBILE_ID.test(id)) {
          violations.push({
            field: `${path}.mobile_ids[${i}]`,
            description: 'The mobile ID format is invalid.',
            reason: 'INVALID_MOBILE_ID_FORMAT',
          });
        }
      });
      return ids.map(id => String(id).toLowerCase());
    }
    case 'userIdData': {
      const userId = data.userId;
      if (typeof userId !== 'string' || userId.trim() === '') {
        violations.push(missingField(`${path}.user_id`));
        return [];
      }
      return [userId];
    }
    default:
      violations.push({
        field: path,
        description: `${kind} is not emulated.`,
        reason: 'INVALID_AUDIENCE_MEMBER',
      });
      return [];
  }
}

function checkUserData(
  data: Record<string, unknown>,
  path: string,
  encoding: 'HEX' | 'BASE64',
  violations: FieldViolation[],
): string[] {
  const list = data.userIdentifiers;
  if (!Array.isArray(list) || list.length === 0) {
    violations.push(missingField(`${path}.user_identifiers`));
    return [];
  }
  if (list.length > GOOGLE_MAX_IDENTIFIERS_PER_MEMBER) {
    violations.push({
      field: `${path}.user_identifiers`,
      description:
        'Maximum number of user identifiers allowed per audience member is 10.',
      reason: 'TOO_MANY_USER_IDENTIFIERS',
    });
  }
  const values: string[] = [];
  list.forEach((identifier: Record<string, unknown>, i) => {
    const at = `${path}.user_identifiers[${i}]`;
    const set = ['emailAddress', 'phoneNumber', 'address'].filter(
      key => identifier?.[key] !== undefined,
    );
    if (set.length !== 1) {
      violations.push({
        field: at,
        description:
          'A user identifier must set exactly one of email_address, phone_number, address.',
        reason: 'INVALID_FORMAT',
      });
      return;
    }
    const key = set[0];
    if (key === 'address') {
      const address = identifier.address as Record<string, unknown>;
      const given = hashOf(address?.givenName, encoding);
      const family = hashOf(address?.familyName, encoding);
      if (!given || !family) {
        violations.push(malformedHash(`${at}.address`, encoding));
        return;
      }
      values.push(
        `${given}|${family}|${address.regionCode ?? ''}|${
          address.postalCode ?? ''
        }`,
      );
      return;
    }
    const hash = hashOf(identifier[key], encoding);
    const field = key === 'emailAddress' ? 'email_address' : 'phone_number';
    if (!hash) {
      violations.push(malformedHash(`${at}.${field}`, encoding));
      return;
    }
    values.push(hash);
  });
  return values;
}

/** The hash as lowercase hex, or undefined when it is not a SHA-256 hash in the declared encoding. */
function hashOf(
  value: unknown,
  encoding: 'HEX' | 'BASE64',
): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (encoding === 'HEX') return HEX_SHA256.test(value) ? value : undefined;
  if (!/^[A-Za-z0-9+/]{43}=$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('hex');
}

function malformedHash(
  field: string,
  encoding: 'HEX' | 'BASE64',
): FieldViolation {
  return encoding === 'HEX'
    ? {
        field,
        description: 'The SHA256 encoded value is malformed.',
        reason: 'INVALID_SHA256_FORMAT',
      }
    : {
        field,
        description: 'The base64 encoded value is malformed.',
        reason: 'INVALID_BASE64_ENCODING',
      };
}
