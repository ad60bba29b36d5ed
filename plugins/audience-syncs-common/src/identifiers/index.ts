export { normalizeEmail } from './normalizeEmail';
export { normalizeGmailAddress } from './normalizeGmailAddress';
export { normalizeMobileAdId } from './normalizeMobileAdId';
