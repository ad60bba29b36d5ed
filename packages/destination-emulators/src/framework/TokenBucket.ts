import { EmulatorClock } from './EmulatorClock';
import { RateLimit } from './types';

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/** A token bucket of `requests` tokens refilled continuously at `requests / perSeconds` per second. */
export class TokenBucket {
  readonly #clock: EmulatorClock;
  #limit: RateLimit | null = null;
  #tokens = 0;
  #updatedAt = 0;

  static create(limit: RateLimit | null, clock: EmulatorClock) {
    const bucket = new TokenBucket(clock);
    bucket.setLimit(limit);
    return bucket;
  }

  private constructor(clock: EmulatorClock) {
    this.#clock = clock;
  }

  get limit(): RateLimit | null {
    return this.#limit;
  }

  /** Starts the new limit from a full bucket. */
  setLimit(limit: RateLimit | null): void {
    if (limit) validateRateLimit(limit);
    this.#limit = limit ? { ...limit } : null;
    this.#tokens = limit?.requests ?? 0;
    this.#updatedAt = this.#clock.now();
  }

  take(): TakeResult {
    if (!this.#limit) return { ok: true };
    this.#refill();
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { ok: true };
    }
    const perMs = this.#limit.requests / (this.#limit.perSeconds * 1000);
    return { ok: false, retryAfterMs: Math.ceil((1 - this.#tokens) / perMs) };
  }

  /** Share of the budget in use, 0–1 (0 without a limit). */
  usage(): number {
    if (!this.#limit) return 0;
    this.#refill();
    return 1 - this.#tokens / this.#limit.requests;
  }

  #refill(): void {
    const limit = this.#limit!;
    const now = this.#clock.now();
    const perMs = limit.requests / (limit.perSeconds * 1000);
    this.#tokens = Math.min(
      limit.requests,
      this.#tokens + (now - this.#updatedAt) * perMs,
    );
    this.#updatedAt = now;
  }
}

export function validateRateLimit(limit: RateLimit): void {
  if (!Number.isInteger(limit.requests) || limit.requests < 1) {
    throw new RangeError('requests: must be a whole number >= 1');
  }
  if (!Number.isFinite(limit.perSeconds) || limit.perSeconds <= 0) {
    throw new RangeError('perSeconds: must be a number of seconds > 0');
  }
}
