import { RequestSlots } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { randomUUID } from 'node:crypto';
import { RequestSlotStore } from '../database/RequestSlotStore';
import { sleep } from './RateLimiter';

/** How long a request waits before it looks for a free slot again. */
const RETRY_MS = 25;

/**
 * The slots of one destination account that every replica counts (`RequestSlotStore`): a request holds
 * one of `max` rows while it is open and deletes it after, whatever the answer. A replica that dies holding
 * a slot gives it up when the slot's `holdMs` runs out.
 */
export class SharedRequestSlots implements RequestSlots {
  readonly #store: RequestSlotStore;
  readonly #key: string;
  readonly #max: number;
  readonly #holdMs: number;

  static create(options: {
    store: RequestSlotStore;
    key: string;
    max: number;
    holdMs: number;
  }) {
    return new SharedRequestSlots(options);
  }

  private constructor(
    options: Parameters<typeof SharedRequestSlots.create>[0],
  ) {
    this.#store = options.store;
    this.#key = options.key;
    this.#max = options.max;
    this.#holdMs = options.holdMs;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const holder = randomUUID();
    let slot: number | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      slot = await this.#store.claim(
        this.#key,
        this.#max,
        holder,
        now + this.#holdMs,
        now,
      );
      if (slot !== undefined) break;
      await sleep(RETRY_MS + Math.random() * RETRY_MS, signal);
    }
    try {
      return await task();
    } finally {
      await this.#store.release(this.#key, slot, holder);
    }
  }
}
