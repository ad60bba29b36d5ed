import { WarehouseQueryError } from './WarehouseQueryError';

/** The moment a warehouse query must have delivered its last row by. */
export class QueryDeadline {
  readonly timeoutMs: number;
  readonly #at: number;

  static start(timeoutMs: number): QueryDeadline {
    return new QueryDeadline(timeoutMs);
  }

  private constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.#at = Date.now() + timeoutMs;
  }

  /** Milliseconds left, at least 1 (databases read 0 as "no timeout"); throws once none are left. */
  remainingMs(): number {
    const left = this.#at - Date.now();
    if (left <= 0) throw WarehouseQueryError.timedOut(this.timeoutMs);
    return Math.max(1, Math.ceil(left));
  }
}
