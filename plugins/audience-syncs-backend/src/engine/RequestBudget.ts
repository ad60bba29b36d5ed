/**
 * What a destination's requests wait on: its vendor's budget, in this process (`RateLimiter`) or shared
 * by every replica (`SharedRateLimiter`).
 */
export interface RequestBudget {
  /** Waits until one request may be sent. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Holds every caller for `ms` (the vendor asked us to slow down). */
  pause(ms: number): void;
}

/** A vendor's documented budget, as a connector declares it. */
export type VendorRate = { requests: number; perSeconds: number };
