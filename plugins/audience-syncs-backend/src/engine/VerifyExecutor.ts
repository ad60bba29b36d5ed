import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncVerification } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { Lease, LeaseLostError } from '../database/Lease';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { RunCoordinator } from './RunCoordinator';

/**
 * Executes one claimed verify run: reads the sync's object back from the destination page by page into
 * the database, then compares it there with the ledger and the audience's current snapshot. Sends nothing
 * and leaves the ledger alone. A crash loses only the read; the continuation reads again.
 */
export class VerifyExecutor {
  readonly #stores: AudienceSyncsStores;
  readonly #coordinator: RunCoordinator;
  readonly #destinations: DestinationRegistry;
  readonly #logger: LoggerService;

  static create(options: {
    stores: AudienceSyncsStores;
    coordinator: RunCoordinator;
    destinations: DestinationRegistry;
    logger: LoggerService;
  }) {
    return new VerifyExecutor(options);
  }

  private constructor(options: Parameters<typeof VerifyExecutor.create>[0]) {
    this.#stores = options.stores;
    this.#coordinator = options.coordinator;
    this.#destinations = options.destinations;
    this.#logger = options.logger;
  }

  async execute(
    runId: number,
    lease: Lease,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const { found } = await this.compare(runId, lease, signal);
      await this.#coordinator.finishVerification(lease, runId, {
        status: 'succeeded',
        found,
      });
    } catch (error) {
      await this.fail(runId, lease, signal, error);
    } finally {
      await this.#stores.verifications.clearRead(runId).catch(() => {});
    }
  }

  /**
   * Ends the run as failed because the destination could not be compared, leaving the sync's status
   * alone; a lost lease or an abort leaves the run to whoever holds the sync now.
   */
  async fail(runId: number, lease: Lease, signal: AbortSignal, error: unknown) {
    if (error instanceof LeaseLostError || signal.aborted) {
      this.#logger.warn(`Run ${runId} stopped: ${(error as Error).message}`);
      return;
    }
    await this.#coordinator
      .finishVerification(lease, runId, {
        status: 'failed',
        error: `Could not verify the destination: ${(error as Error).message}`,
      })
      .catch(finishError =>
        this.#logger.warn(`Run ${runId} could not be finished: ${finishError}`),
      );
  }

  /**
   * Reads the destination into the run's scratch rows and compares them; the rows stay for the caller
   * (a repair reads which members are missing from them) until `clearRead`.
   */
  async compare(
    runId: number,
    lease: Lease,
    signal: AbortSignal,
  ): Promise<{ found: SyncVerification; evaluationId: number }> {
    const { syncs, snapshots, verifications } = this.#stores;
    const sync = await syncs.getSync(lease.syncId);
    if (!sync) throw new LeaseLostError(lease.syncId);
    const connected = this.#destinations.get(sync.destinationId);
    if (!connected?.client.readMembers) {
      throw new Error(
        `destination '${sync.destinationId}' cannot read its members back`,
      );
    }
    const { current } = await snapshots.getState(sync.audienceId);
    if (!current) {
      throw new Error(`audience '${sync.audienceId}' has no evaluation yet`);
    }
    // The run records the snapshot it compared with, as a sync run records the one it sent.
    await this.#coordinator.recordPlan(lease, runId, {
      evaluationId: current.id,
      adds: 0,
      removes: 0,
      updates: 0,
    });
    await verifications.clearRead(runId);
    const pages = connected.client.readMembers(
      {
        object: sync.object,
        identifier: sync.identifier,
        fieldMappings: [],
      },
      { signal },
    );
    for await (const page of pages) {
      signal.throwIfAborted();
      await verifications.addRead(
        runId,
        page.map(member => member.identifier),
      );
    }
    return {
      found: await verifications.compare(runId, sync.id, current.id),
      evaluationId: current.id,
    };
  }
}
