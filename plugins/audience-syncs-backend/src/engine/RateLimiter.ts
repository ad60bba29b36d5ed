/**
 * A token bucket: `requests` per `perSeconds`, with bursts up to one window's worth. A destination's
 * syncs share one, so together they stay within the vendor's budget. When the vendor throttles anyway,
 * `pause` makes every sync of the destination wait out the vendor's Retry-After.
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  #tokens: number;
  #updatedAt: number;
  #pausedUntil = 0;

  static create(rate: { requests: number; perSeconds: number }) {
    return new RateLimiter(rate.requests, rate.perSeconds * 1000);
  }

  /** No limit: for destinations that declare none. */
  static unlimited() {
    return new RateLimiter(Infinity, 1);
  }

  private constructor(requests: number, perMs: number) {
    this.#capacity = requests;
    this.#refillPerMs = requests / perMs;
    this.#tokens = requests;
    this.#updatedAt = Date.now();
  }

  /** Waits until one request may be sent. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      this.#tokens = Math.min(
        this.#capacity,
        this.#tokens + (now - this.#updatedAt) * this.#refillPerMs,
      );
      this.#updatedAt = now;
      const wait = Math.max(
        this.#pausedUntil - now,
        this.#tokens >= 1 ? 0 : (1 - this.#tokens) / this.#refillPerMs,
      );
      if (wait <= 0) {
        this.#tokens -= 1;
        return;
      }
      await sleep(wait, signal);
    }
  }

  /** Holds every caller for `ms` (the vendor asked us to slow down). */
  pause(ms: number) {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
