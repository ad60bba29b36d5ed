/** Multi-key schema keys of Custom Audience uploads, and which of them must be SHA-256 hashed. */
const MULTI_KEYS: Record<string, { hashed: boolean }> = {
  EXTERN_ID: { hashed: false },
  EMAIL: { hashed: true },
  PHONE: { hashed: true },
  GEN: { hashed: true },
  DOBY: { hashed: true },
  DOBM: { hashed: true },
  DOBD: { hashed: true },
  LN: { hashed: true },
  FN: { hashed: true },
  FI: { hashed: true },
  CT: { hashed: true },
  ST: { hashed: true },
  ZIP: { hashed: true },
  MADID: { hashed: false },
  COUNTRY: { hashed: true },
  LOOKALIKE_VALUE: { hashed: false },
};

/** The legacy single-key schemas. */
const SINGLE_KEYS: Record<string, { hashed: boolean }> = {
  EMAIL_SHA256: { hashed: true },
  PHONE_SHA256: { hashed: true },
  MOBILE_ADVERTISER_ID: { hashed: false },
  UID: { hashed: false },
};

export function schemaKey(key: string, multiKey: boolean) {
  return (multiKey ? MULTI_KEYS : SINGLE_KEYS)[key];
}

/** 64 lowercase hex characters: the only hash format Meta accepts. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
