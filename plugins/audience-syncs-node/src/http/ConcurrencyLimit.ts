import { RequestSlots } from './RequestSlots';

/**
 * At most `max` tasks at once in this process; the others wait in order. Mailchimp throttles by
 * simultaneous connections rather than by rate, so the client holds a slot for the whole of each request.
 */
export class ConcurrencyLimit implements RequestSlots {
  readonly #max: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(max: number) {
    this.#max = max;
  }

  get running(): number {
    return this.#running;
  }

  /** Runs `task` once a slot is free; gives up waiting (not running) when `signal` aborts. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#running < this.#max) {
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', waiter.abort);
          this.#running += 1;
          resolve();
        },
        abort: () => {
          const index = this.#waiting.indexOf(waiter.grant);
          if (index >= 0) this.#waiting.splice(index, 1);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', waiter.abort, { once: true });
      this.#waiting.push(waiter.grant);
    });
  }

  #release(): void {
    this.#running -= 1;
    this.#waiting.shift()?.();
  }
}
