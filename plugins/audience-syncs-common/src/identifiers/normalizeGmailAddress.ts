import { normalizeEmail } from './normalizeEmail';

const GOOGLE_MAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * An email address as Google Customer Match matches it: {@link normalizeEmail}, then, for `gmail.com` and
 * `googlemail.com` only, the local part without its dots and without a `+suffix` (Gmail ignores both, so
 * `John.Doe+ads@gmail.com` reaches `johndoe@gmail.com`). Other domains keep dots and `+`: they may matter there.
 *
 * @public
 */
export function normalizeGmailAddress(raw: string): string | undefined {
  const email = normalizeEmail(raw);
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  if (!GOOGLE_MAIL_DOMAINS.has(domain)) return email;
  const local = email.slice(0, at).split('+')[0].replace(/\./g, '');
  return local ? `${local}@${domain}` : undefined;
}
