/**
 * Vendor answers kept a short while per key, so that the builder's pages and the validation that follows
 * do not ask the vendor for the same listing on every render (hundreds of HubSpot properties, every
 * list of an account). Failures are not kept; a load still in flight is shared.
 */
export class ShortCache<T> {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();

  static create<T>(options: { ttlMs: number; now?: () => number }) {
    return new ShortCache<T>(options.ttlMs, options.now ?? Date.now);
  }

  private constructor(ttlMs: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && this.#now() - hit.at < this.#ttlMs) return hit.value;
    const value = load();
    this.#entries.set(key, { at: this.#now(), value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  /** The next `get` of `key` asks again (what it held changed, e.g. an object was created). */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
