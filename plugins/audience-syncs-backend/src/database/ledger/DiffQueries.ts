import { KeyRange } from '../keyRanges';
import { SnapshotMemberRow } from '../SnapshotMember';
import { PlanCounts } from './PlanCounts';

/** A changed snapshot member as the diff reads it: the snapshot row with the ledger's identifier and hash. */
export type ChangedRow = SnapshotMemberRow & {
  ledger_identifier: string;
  ledger_fields_hash: string | null;
};

/**
 * The set-difference queries of the ledger against a snapshot, one key range at a time, in the shape each
 * database plans well without help: `LedgerStore` picks the implementation by dialect.
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
  ): Promise<ChangedRow[]>;
}
