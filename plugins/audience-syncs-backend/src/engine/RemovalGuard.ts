import { RemovalGuardSettings } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** The removal guard's limits: the operator's defaults, and how far a sync may loosen them. */
export interface RemovalGuardLimits {
  maxShare: number;
  minRemovals: number;
  /** The largest share a sync may set for itself. */
  maxShareLimit: number;
  /** The largest minimum a sync may set for itself. */
  minRemovalsLimit: number;
}

/** Every removal a run would send: departed members, and the old identifiers of re-keyed ones. */
export interface PlannedRemovals {
  departed: number;
  rekeyed: number;
}

/** Share of the approved count a re-plan may exceed it by before it needs a new approval. */
const APPROVAL_MARGIN = 0.1;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Holds a run whose removals exceed a share of what the sync has put in the destination (and a minimum
 * count, so small lists can churn freely): an audience query that suddenly returns few rows, or rewrites
 * every identifier, must not empty a live list before someone looks. A sync may tune both within the
 * operator's limits (read with the engine's, `readEngineConfig`); its settings are clamped to those
 * limits here too, should the operator have lowered them since.
 */
export class RemovalGuard {
  readonly #limits: RemovalGuardLimits;

  static create(limits: RemovalGuardLimits) {
    return new RemovalGuard(limits);
  }

  private constructor(limits: RemovalGuardLimits) {
    this.#limits = limits;
  }

  /** The share and minimum that apply to a sync with these settings. */
  limitsFor(settings?: RemovalGuardSettings) {
    const { maxShare, minRemovals, maxShareLimit, minRemovalsLimit } =
      this.#limits;
    return {
      maxShare: Math.min(settings?.maxShare ?? maxShare, maxShareLimit),
      minRemovals: Math.min(
        settings?.minRemovals ?? minRemovals,
        minRemovalsLimit,
      ),
    };
  }

  /** The reason to hold the run, or undefined to let it go. */
  check(
    removals: PlannedRemovals,
    ledgerSize: number,
    settings?: RemovalGuardSettings,
  ): string | undefined {
    const { maxShare, minRemovals } = this.limitsFor(settings);
    const total = removals.departed + removals.rekeyed;
    if (total <= minRemovals) return undefined;
    if (total <= maxShare * ledgerSize) return undefined;
    const share = ledgerSize > 0 ? Math.round((total / ledgerSize) * 100) : 100;
    const rekeyed =
      removals.rekeyed > 0
        ? `; ${count(
            removals.rekeyed,
          )} of them re-keyed, their old identifier removed`
        : '';
    return `Held for approval: this run would remove ${count(total)} of ${count(
      ledgerSize,
    )} members (${share}%${rekeyed}), more than the ${Math.round(
      maxShare * 100,
    )}% the removal guard allows. Approve it to send the removals.`;
  }

  /**
   * For an approved run, which re-plans when it executes: the reason to hold it again when it would
   * remove materially more than the approver saw. "Materially" is more than the approved count plus the
   * larger of the sync's minimum and a tenth of that count: the churn of a re-evaluation between the
   * approval and the run goes through, a list emptied since does not.
   */
  checkApproved(
    removals: number,
    approved: number,
    settings?: RemovalGuardSettings,
  ): string | undefined {
    const { minRemovals } = this.limitsFor(settings);
    const margin = Math.max(minRemovals, Math.ceil(approved * APPROVAL_MARGIN));
    if (removals <= approved + margin) return undefined;
    return `Held for approval again: this run would remove ${count(
      removals,
    )} members, more than the ${count(
      approved,
    )} approved. Approve it to send the removals.`;
  }
}
