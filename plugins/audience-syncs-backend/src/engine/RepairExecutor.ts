import { Lease } from '../database/Lease';
import { VerificationStore } from '../database/VerificationStore';
import { forgetLedgerEntries } from './forgetLedgerEntries';
import { RunCoordinator } from './RunCoordinator';
import { RunExecutor } from './SyncDispatcher';
import { VerifyExecutor } from './VerifyExecutor';

/**
 * Executes a claimed repair run: verifies the destination (the findings stay with the run), forgets the
 * ledger entries of the members the destination lacks, then runs the sync itself. That sync re-sends the
 * missing members as adds through the normal batch path and, in Mirror mode, removes what the ledger
 * owns that left the audience, through the removal guard (held for approval like any run). A member the
 * sync did not add is never removed: only the ledger's entries are. Interrupted, the continuation is a
 * repair again and verifies again.
 */
export class RepairExecutor implements RunExecutor {
  readonly #verifier: VerifyExecutor;
  readonly #verifications: VerificationStore;
  readonly #coordinator: RunCoordinator;
  readonly #sync: RunExecutor;

  static create(options: {
    verifier: VerifyExecutor;
    verifications: VerificationStore;
    coordinator: RunCoordinator;
    sync: RunExecutor;
  }) {
    return new RepairExecutor(options);
  }

  private constructor(options: Parameters<typeof RepairExecutor.create>[0]) {
    this.#verifier = options.verifier;
    this.#verifications = options.verifications;
    this.#coordinator = options.coordinator;
    this.#sync = options.sync;
  }

  async execute(
    runId: number,
    lease: Lease,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const { found, evaluationId } = await this.#verifier.compare(
        runId,
        lease,
        signal,
      );
      await forgetLedgerEntries(
        this.#coordinator,
        lease,
        runId,
        signal,
        limit =>
          this.#verifications.missingKeys(
            runId,
            lease.syncId,
            evaluationId,
            limit,
          ),
      );
      await this.#coordinator.recordVerification(lease, runId, found);
    } catch (error) {
      await this.#verifier.fail(runId, lease, signal, error);
      return;
    } finally {
      await this.#verifications.clearRead(runId).catch(() => {});
    }
    await this.#sync.execute(runId, lease, signal);
  }
}
