/** The sizes of the three sets of a diff between a snapshot and a sync's ledger. */
export interface PlanCounts {
  /** Snapshot members not in the ledger. */
  joined: number;
  /** Ledger members not in the snapshot. */
  departed: number;
  /** Members in both whose keys or fields changed since they were last sent. */
  changed: number;
}
