import type { RateLimit } from '@internal/destination-emulators';

/**
 * The same rate as `limit` (times `speedup`), with the burst allowance cut to about `burstSeconds` of
 * it, and at least `minBurst` requests. A vendor's hourly or daily bucket starts full and a run of
 * seconds would never leave it; the steady state, which a long sync lives in, is the budget's rate.
 */
export function compressLimit(
  limit: RateLimit,
  options: { speedup: number; burstSeconds: number; minBurst: number },
): RateLimit {
  const perSecond = (limit.requests / limit.perSeconds) * options.speedup;
  const requests = Math.max(
    options.minBurst,
    Math.round(perSecond * options.burstSeconds),
  );
  return { requests, perSeconds: requests / perSecond };
}

export function ratePerSecond(limit: RateLimit): number {
  return limit.requests / limit.perSeconds;
}
