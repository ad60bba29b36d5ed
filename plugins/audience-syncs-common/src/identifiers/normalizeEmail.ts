/** One `@`, a non-empty local part, and a domain of at least two non-empty dot-separated labels. */
const EMAIL_SHAPE = /^[^@]+@[^@.]+(\.[^@.]+)+$/;

/**
 * An email address as the ad platforms match it: whitespace removed (leading, trailing and inner, per Google's
 * formatting rules; Meta asks for trimming, and an address with inner spaces is not valid anyway) and lower
 * case. Undefined when the result is not shaped like `local@domain.tld`.
 *
 * @public
 */
export function normalizeEmail(raw: string): string | undefined {
  const value = raw.replace(/\s+/g, '').toLowerCase();
  return EMAIL_SHAPE.test(value) ? value : undefined;
}
