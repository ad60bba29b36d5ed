import { SyncRunError } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { LedgerEntry } from '../database/ledger/LedgerEntry';
import { MemberHistoryStep } from '../database/MemberHistoryStore';
import { RunCounters } from '../database/RunStore';

/** What one acknowledged batch changes, committed in one transaction. */
export interface BatchCommit {
  upserts: LedgerEntry[];
  deletes: string[];
  counters: RunCounters;
  errors: SyncRunError[];
  /** What the batch did to each member, for its timeline; none when left out. */
  history?: MemberHistoryStep[];
}
