const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes of the sObjects the emulator keeps: the first three characters of their record ids. */
export const KEY_PREFIXES = {
  Contact: '003',
  Lead: '00Q',
  Campaign: '701',
  CampaignMember: '00v',
} as const;

export type SObjectType = keyof typeof KEY_PREFIXES;

/**
 * The 18-character, case-insensitive form of a 15-character record id: three checksum characters, one per
 * 5-character chunk, whose bits say which characters of the chunk are upper case.
 */
export function toId18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

/**
 * A record id in its 18-character form, from either form; undefined when it is not shaped like one (15 or 18
 * alphanumerics, with a checksum that fits). Salesforce reads both forms.
 */
export function normalizeId(value: string): string | undefined {
  if (/^[a-zA-Z0-9]{15}$/.test(value)) return toId18(value);
  if (!/^[a-zA-Z0-9]{18}$/.test(value)) return undefined;
  // The checksum carries the case of the first 15 characters, so an 18-character id may come in any case.
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = CHECKSUM.indexOf(value[15 + chunk].toUpperCase());
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = value[chunk * 5 + i];
      const upper = ((bits >> i) & 1) === 1;
      if (upper && !/[a-zA-Z]/.test(c)) return undefined;
      id15 += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return toId18(id15);
}

/** The `n`th id the emulator mints for a type: prefix, the emulator's pod `Em`, and n in base 62. */
export function mintId(type: SObjectType, n: number): string {
  let digits = '';
  let rest = n;
  do {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return toId18(`${KEY_PREFIXES[type]}Em${digits.padStart(10, '0')}`);
}

/** The sObject type an id belongs to, by its key prefix. */
export function typeOfId(id: string): SObjectType | undefined {
  const prefix = id.slice(0, 3);
  return (Object.keys(KEY_PREFIXES) as SObjectType[]).find(
    type => KEY_PREFIXES[type] === prefix,
  );
}
