/**
 * Holds a run whose removals exceed a share of what the sync has put in the destination (and a minimum
 * count, so small lists can churn freely): an audience query that suddenly returns few rows must not
 * empty a live list before someone looks. Its limits are read with the engine's (`readEngineConfig`).
 */
export class RemovalGuard {
  readonly #maxShare: number;
  readonly #minRemovals: number;

  static create(options: { maxShare: number; minRemovals: number }) {
    return new RemovalGuard(options.maxShare, options.minRemovals);
  }

  private constructor(maxShare: number, minRemovals: number) {
    this.#maxShare = maxShare;
    this.#minRemovals = minRemovals;
  }

  /** The reason to hold the run, or undefined to let it go. */
  check(removals: number, ledgerSize: number): string | undefined {
    if (removals <= this.#minRemovals) return undefined;
    if (removals <= this.#maxShare * ledgerSize) return undefined;
    const share =
      ledgerSize > 0 ? Math.round((removals / ledgerSize) * 100) : 100;
    return `Held for approval: this run would remove ${removals.toLocaleString(
      'en-US',
    )} of ${ledgerSize.toLocaleString(
      'en-US',
    )} members (${share}%), more than the ${Math.round(
      this.#maxShare * 100,
    )}% the removal guard allows. Approve it to send the removals.`;
  }
}
