/**
 * Milliseconds to wait from a `Retry-After` header, which is either seconds or an HTTP date;
 * undefined when there is none or it says nothing readable.
 *
 * @public
 */
export function parseRetryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
