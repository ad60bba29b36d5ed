import type { PlanCounts } from './SyncPlanner';

/** A key range `(after, last]` of one side of the diff. */
export interface KeyRange {
  after: string;
  last: string;
}

/** A snapshot member as stored, with the ledger's identifier and fields hash for changed members. */
export type MemberRow = {
  member_key: string;
  email: string | null;
  phone: string | null;
  user_id: string | null;
  device_id: string | null;
  fields: string;
  member_hash: string;
  ledger_identifier?: string;
  ledger_fields_hash?: string | null;
};

/**
 * The set-difference queries of the planner, one key range at a time, in the shape each database plans
 * well without help: `SyncPlanner` picks the implementation by dialect.
 */
export interface DiffQueries {
  count(syncId: string, evaluationId: number): Promise<PlanCounts>;
  /** Snapshot keys in the range that the ledger lacks, in key order. */
  joinedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]>;
  /** Ledger keys in the range that the snapshot lacks, in key order. */
  departedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]>;
  /** Snapshot members in the range whose ledger row has another hash, in key order. */
  changedRows(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<MemberRow[]>;
}
