import {
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationError,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { sleep } from './RateLimiter';
import { RequestBudget } from './RequestBudget';

export interface RetryPolicy {
  /** Attempts per batch for transient failures (throttling excluded). */
  maxAttempts: number;
  /** First backoff; doubles per attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Throttle waits per batch before the batch is given up. */
  maxThrottleWaits: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxThrottleWaits: 50,
};

export interface SendStats {
  attempts: number;
  throttleWaits: number;
  /** Time spent waiting on the destination's request budget before the sends. */
  budgetWaitMs: number;
}

/**
 * Sends batches through the destination's rate limiter, retrying transient failures (5xx, time-outs,
 * network errors) with exponential backoff and full jitter, and waiting out throttling as the vendor
 * asks (Retry-After) without counting it as a failed attempt. Permanent failures are thrown at once.
 */
export class BatchSender {
  readonly #policy: RetryPolicy;
  readonly #random: () => number;

  static create(
    options: { policy?: Partial<RetryPolicy>; random?: () => number } = {},
  ) {
    return new BatchSender(
      { ...DEFAULT_RETRY_POLICY, ...options.policy },
      options.random ?? Math.random,
    );
  }

  private constructor(policy: RetryPolicy, random: () => number) {
    this.#policy = policy;
    this.#random = random;
  }

  async send(
    client: DestinationClient,
    limiter: RequestBudget,
    request: BatchRequest,
  ): Promise<{ result: BatchResult; stats: SendStats }> {
    const stats: SendStats = { attempts: 0, throttleWaits: 0, budgetWaitMs: 0 };
    for (;;) {
      const waitFrom = performance.now();
      await limiter.acquire(request.signal);
      stats.budgetWaitMs += performance.now() - waitFrom;
      stats.attempts += 1;
      try {
        return { result: await client.applyBatch(request), stats };
      } catch (error) {
        if (!(error instanceof DestinationError) || !error.retryable)
          throw error;
        if (error.throttled) {
          stats.attempts -= 1;
          stats.throttleWaits += 1;
          if (stats.throttleWaits > this.#policy.maxThrottleWaits) throw error;
          const wait = error.retryAfterMs ?? this.#backoff(stats.throttleWaits);
          limiter.pause(wait);
          continue;
        }
        if (stats.attempts >= this.#policy.maxAttempts) throw error;
        await sleep(
          Math.max(error.retryAfterMs ?? 0, this.#backoff(stats.attempts)),
          request.signal,
        );
      }
    }
  }

  #backoff(attempt: number): number {
    const ceiling = Math.min(
      this.#policy.maxDelayMs,
      this.#policy.baseDelayMs * 2 ** (attempt - 1),
    );
    return this.#random() * ceiling;
  }
}
