import { RateBudgetStore } from '../database/RateBudgetStore';
import { sleep } from './RateLimiter';
import { RequestBudget, VendorRate } from './RequestBudget';

/** How long tokens taken ahead stay usable: spent soon after they were taken, they never make a burst. */
const LEASE_HOLD_MS = 1_000;
/** How often a destination without a budget looks whether another replica was told to wait. */
const PAUSE_CHECK_MS = 1_000;
/** The longest single wait for a token, so that a refill another replica left is seen soon. */
const MAX_POLL_MS = 1_000;

/**
 * The token bucket of one destination account, held in the plugin's database and shared by every replica
 * (`RateBudgetStore`), so that N replicas together stay within the vendor's budget rather than N times it.
 * To spare a database round trip per request it takes up to 1% of the budget's capacity at once (at most
 * 10 tokens) and spends them within a second, or drops them: a replica runs ahead of the shared bucket by
 * at most that. A vendor's Retry-After pauses every replica (`paused_until`) from its next take: a
 * replica spending tokens it took ahead sees the pause within that second.
 */
export class SharedRateLimiter implements RequestBudget {
  readonly #store: RateBudgetStore;
  readonly #key: string;
  readonly #rate?: { capacity: number; refillPerMs: number };
  readonly #leaseSize: number;
  #leased = 0;
  #leaseExpiresAt = 0;
  #pausedUntil = 0;
  #pauseCheckedAt = 0;
  #pausing: Promise<void> = Promise.resolve();

  static create(options: {
    store: RateBudgetStore;
    /** The destination account, e.g. its destination id. */
    key: string;
    /** Absent: no budget to enforce, only the shared pause. */
    rate?: VendorRate;
  }) {
    return new SharedRateLimiter(options.store, options.key, options.rate);
  }

  private constructor(store: RateBudgetStore, key: string, rate?: VendorRate) {
    this.#store = store;
    this.#key = key;
    if (rate && rate.requests > 0) {
      this.#rate = {
        capacity: rate.requests,
        refillPerMs: rate.requests / (rate.perSeconds * 1000),
      };
    }
    this.#leaseSize = Math.max(
      1,
      Math.min(10, Math.floor((this.#rate?.capacity ?? 0) / 100)),
    );
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    // A pause that could not be shared fails the request that follows it, rather than passing unseen.
    await this.#pausing;
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      if (this.#pausedUntil > now) {
        await sleep(this.#pausedUntil - now, signal);
        continue;
      }
      if (!this.#rate) {
        if (now - this.#pauseCheckedAt < PAUSE_CHECK_MS) return;
        this.#pauseCheckedAt = now;
        this.#pausedUntil = await this.#store.pausedUntil(this.#key);
        continue;
      }
      if (this.#leased > 0 && this.#leaseExpiresAt > now) {
        this.#leased -= 1;
        return;
      }
      const { granted, waitMs } = await this.#store.take(
        this.#key,
        this.#rate,
        this.#leaseSize,
        now,
      );
      if (granted > 0) {
        this.#leased = granted - 1;
        this.#leaseExpiresAt = now + LEASE_HOLD_MS;
        return;
      }
      // Jitter, so that the replicas waiting for the same refill do not all ask at once.
      const wait = Math.min(waitMs, MAX_POLL_MS);
      await sleep(wait + Math.random() * Math.min(wait, 50), signal);
    }
  }

  pause(ms: number): void {
    const until = Date.now() + ms;
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    this.#leased = 0;
    this.#pausing = this.#pausing.then(() =>
      this.#store.pause(this.#key, until),
    );
  }
}
