import { Knex } from 'knex';
import { ActivityStore } from './ActivityStore';
import { AlertStore } from './AlertStore';
import { FollowedEvaluationStore } from './FollowedEvaluationStore';
import { LedgerStore } from './ledger/LedgerStore';
import { MemberHistoryStore } from './MemberHistoryStore';
import { RunErrorCountStore } from './RunErrorCountStore';
import { VerificationStore } from './VerificationStore';
import { RunStore } from './RunStore';
import { SnapshotStore } from './SnapshotStore';
import { SyncStore } from './SyncStore';

/**
 * The plugin's stores, one per set of tables, and the transaction that lets a service or the engine
 * change several of them at once: each store method that takes a `Knex.Transaction` joins it.
 */
export interface AudienceSyncsStores {
  syncs: SyncStore;
  runs: RunStore;
  ledger: LedgerStore;
  snapshots: SnapshotStore;
  activity: ActivityStore;
  alerts: AlertStore;
  followedEvaluations: FollowedEvaluationStore;
  memberHistory: MemberHistoryStore;
  runErrorCounts: RunErrorCountStore;
  verifications: VerificationStore;
  transaction<T>(work: (tx: Knex.Transaction) => Promise<T>): Promise<T>;
}

export function createStores(knex: Knex): AudienceSyncsStores {
  return {
    syncs: SyncStore.create({ knex }),
    runs: RunStore.create({ knex }),
    ledger: LedgerStore.create({ knex }),
    snapshots: SnapshotStore.create({ knex }),
    activity: ActivityStore.create({ knex }),
    alerts: AlertStore.create({ knex }),
    followedEvaluations: FollowedEvaluationStore.create({ knex }),
    memberHistory: MemberHistoryStore.create({ knex }),
    runErrorCounts: RunErrorCountStore.create({ knex }),
    verifications: VerificationStore.create({ knex }),
    transaction: work => knex.transaction(work),
  };
}
