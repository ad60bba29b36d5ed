const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The all-zero IDFA/AAID that devices report when the user limits ad tracking: it identifies nobody. */
const OPTED_OUT = '00000000-0000-0000-0000-000000000000';

/**
 * A mobile advertising ID (Apple IDFA, Google AAID) as the ad platforms take it: trimmed, lower case, UUID
 * form with its hyphens (Meta's MADID rule; iOS reports IDFAs in upper case). Undefined when it is not a
 * UUID, or is the all-zero ID of a device that opted out of tracking.
 *
 * @public
 */
export function normalizeMobileAdId(raw: string): string | undefined {
  const value = raw.trim().toLowerCase();
  return UUID.test(value) && value !== OPTED_OUT ? value : undefined;
}
