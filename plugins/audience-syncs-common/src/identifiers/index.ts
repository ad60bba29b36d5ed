export { normalizeEmail } from './normalizeEmail';
export { normalizeGmailAddress } from './normalizeGmailAddress';
export { normalizeMobileAdId } from './normalizeMobileAdId';
export { normalizePhoneE164 } from './normalizePhoneE164';
export type { PhoneNormalizationOptions } from './normalizePhoneE164';
