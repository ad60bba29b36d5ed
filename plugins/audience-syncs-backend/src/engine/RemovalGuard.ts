import { Config } from '@backstage/config';

/**
 * Holds a run whose removals exceed a share of what the sync has put in the destination (and a minimum
 * count, so small lists can churn freely): an audience query that suddenly returns few rows must not
 * empty a live list before someone looks.
 */
export class RemovalGuard {
  readonly #maxShare: number;
  readonly #minRemovals: number;

  static fromConfig(config: Config) {
    const guard = config.getOptionalConfig('audienceSyncs.removalGuard');
    const maxShare = guard?.getOptionalNumber('maxShare') ?? 0.2;
    const minRemovals = guard?.getOptionalNumber('minRemovals') ?? 25;
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new Error(
        'audienceSyncs.removalGuard.maxShare: must be more than 0 and at most 1',
      );
    }
    if (!Number.isInteger(minRemovals) || minRemovals < 0) {
      throw new Error(
        'audienceSyncs.removalGuard.minRemovals: must be a whole number, 0 or more',
      );
    }
    return new RemovalGuard(maxShare, minRemovals);
  }

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
