import { LoggerService } from '@backstage/backend-plugin-api';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { Lease, LeaseLostError } from '../database/Lease';
import { forgetLedgerEntries } from './forgetLedgerEntries';
import { RunCoordinator } from './RunCoordinator';
import { RunExecutor } from './SyncDispatcher';

/**
 * Executes a claimed full resync: forgets the ledger entries of every member still in the audience, then
 * runs the sync itself. That sync removes (Mirror mode only, through the removal guard) what the ledger
 * holds that left the audience, then sends the whole current audience again as adds, which vendors take
 * idempotently. Interrupted, the continuation is a resync again and starts over.
 */
export class ResyncExecutor implements RunExecutor {
  readonly #stores: AudienceSyncsStores;
  readonly #coordinator: RunCoordinator;
  readonly #sync: RunExecutor;
  readonly #logger: LoggerService;

  static create(options: {
    stores: AudienceSyncsStores;
    coordinator: RunCoordinator;
    sync: RunExecutor;
    logger: LoggerService;
  }) {
    return new ResyncExecutor(options);
  }

  private constructor(options: Parameters<typeof ResyncExecutor.create>[0]) {
    this.#stores = options.stores;
    this.#coordinator = options.coordinator;
    this.#sync = options.sync;
    this.#logger = options.logger;
  }

  async execute(
    runId: number,
    lease: Lease,
    signal: AbortSignal,
  ): Promise<void> {
    const { syncs, snapshots, ledger } = this.#stores;
    const sync = await syncs.getSync(lease.syncId);
    const current = sync && (await snapshots.getState(sync.audienceId)).current;
    // Without a snapshot nothing is forgotten: the sync run fails and says why.
    if (sync && current) {
      try {
        await forgetLedgerEntries(
          this.#coordinator,
          lease,
          runId,
          signal,
          limit => ledger.keysInSnapshot(sync.id, current.id, limit),
        );
      } catch (error) {
        if (error instanceof LeaseLostError || signal.aborted) {
          // Whoever holds the sync now recovers the run.
          this.#logger.warn(
            `Run ${runId} stopped: ${(error as Error).message}`,
          );
          return;
        }
        throw error;
      }
    }
    await this.#sync.execute(runId, lease, signal);
  }
}
