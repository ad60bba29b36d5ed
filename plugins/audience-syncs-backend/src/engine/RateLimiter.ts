import { RequestBudget } from './RequestBudget';

/**
 * A token bucket of this process: `requests` per `perSeconds`, with bursts up to one window's worth. A destination's
 * syncs share one, so together they stay within the vendor's budget. When the vendor throttles anyway,
 * `pause` makes every sync of the destination wait out the vendor's Retry-After.
 */
export class RateLimiter implements RequestBudget {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  #tokens: number;
  #updatedAt: number;
  #pausedUntil = 0;

  static create(rate: { requests: number; perSeconds: number }) {
    return new RateLimiter(rate.requests, rate.perSeconds * 1000);
  }

  /** No budget of its own (the destination declares none); vendor throttling still pauses it. */
  static unlimited() {
    return new RateLimiter(0, 1);
  }

  /** `requests` of 0 means no budget to enforce. */
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
      if (this.#capacity === 0) {
        if (this.#pausedUntil <= now) return;
        await sleep(this.#pausedUntil - now, signal);
        continue;
      }
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
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
