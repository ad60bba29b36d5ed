import { SnapshotMember } from '../SnapshotMember';

/** A row of the ledger: what a sync last sent for one member. */
export interface LedgerEntry {
  memberKey: string;
  /** As sent: normalized, hashed where the destination requires it. */
  identifier: string;
  /** The snapshot's member hash when it was last sent. */
  memberHash: string;
  /** SHA-256 of the mapped fields sent; null when the sync maps none. */
  fieldsHash: string | null;
}

/** A snapshot member the ledger holds with another hash: its keys or fields changed since it was sent. */
export interface ChangedMember extends SnapshotMember {
  ledger: Pick<LedgerEntry, 'identifier' | 'fieldsHash'>;
}
