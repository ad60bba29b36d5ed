import {
  nextRunAt as nextRunAfter,
  RunStatus,
  RunTrigger,
  SyncRun,
  SyncVerification,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { isUniqueViolation } from '../database/isUniqueViolation';
import { Lease, LeaseLostError } from '../database/Lease';
import { SyncSignals } from '../signals/SyncSignals';
import { BatchCommit } from './BatchCommit';
import { isDeadPredecessor } from './instanceId';

/** The run finished or was recovered elsewhere meanwhile: the recovery's transaction rolls back. */
class RunMovedOn extends Error {}

/** Why a recovered run failed; `RunStore.failInterrupted` says why its invalid and failed rows go. */
const INTERRUPTED =
  'Interrupted: the instance running it stopped; a new run continues from the ledger. ' +
  'Members this run found invalid or the destination refused are counted by the run that continues it, which meets them again.';

/** Another instance queued a run of the sync first: the unique open-run index refused this one. */
function ignoreOpenRun(error: unknown): undefined {
  if (isUniqueViolation(error)) return undefined;
  throw error;
}

/** How many of the oldest queued runs one claim looks at. */
const CLAIM_CANDIDATES = 20;

/**
 * The engine's side of the stores: queuing due runs, claiming them under a lease on the sync, recovering
 * runs whose instance died, and committing each step of a run. Each is one transaction across the
 * stores it touches (the sync's schedule and lease, the run, the ledger), and every step of a running run
 * is fenced by its lease, so an instance that lost the sync cannot write to it. Each change is signalled
 * once its transaction has committed, so that open pages re-read what is saved.
 */
export class RunCoordinator {
  readonly #stores: AudienceSyncsStores;
  readonly #errorSampleSize: number;
  readonly #now: () => Date;
  readonly #signals: SyncSignals;
  readonly #recordMemberHistory: boolean;

  static create(options: {
    stores: AudienceSyncsStores;
    errorSampleSize: number;
    now?: () => Date;
    /** Announces runs queued, started, progressing and finished; default: none. */
    signals?: SyncSignals;
    /** Writes each batch's member steps to the member history; default: true. */
    recordMemberHistory?: boolean;
  }) {
    return new RunCoordinator(options);
  }

  private constructor(options: Parameters<typeof RunCoordinator.create>[0]) {
    this.#stores = options.stores;
    this.#errorSampleSize = options.errorSampleSize;
    this.#now = options.now ?? (() => new Date());
    this.#signals = options.signals ?? SyncSignals.silent();
    this.#recordMemberHistory = options.recordMemberHistory ?? true;
  }

  /**
   * Queues a scheduled run for every sync that is due, moving its next run time on in the same
   * transaction; the conditional update makes each due time produce one run whichever instance sees it.
   * A sync that still has an open run stays due until that run finishes.
   */
  async queueDueRuns(): Promise<number> {
    const { syncs, runs, transaction } = this.#stores;
    const now = this.#iso();
    let queued = 0;
    for (const sync of await syncs.getDueSyncs(now)) {
      // Times missed while no instance ran collapse into this one run.
      const nextRunAt = nextRunAfter(sync.schedule, new Date(now));
      const run = await transaction(async tx => {
        if (await runs.findOpenRun(sync.id, tx)) return undefined;
        const moved = await syncs.moveNextRun(
          sync.id,
          sync.nextRunAt!,
          nextRunAt?.toISOString() ?? null,
          tx,
        );
        if (!moved) return undefined;
        return this.#insertScheduledRun(sync.id, now, tx);
      }).catch(ignoreOpenRun);
      queued += this.#announceQueued(run);
    }
    return queued;
  }

  /**
   * Queues a run for every sync that runs after each evaluation and whose audience has a snapshot it has
   * not answered, marking it answered in the same transaction: one snapshot queues one run whichever
   * instance sees it. A sync that still has an open run keeps its snapshot pending until that run
   * finishes; snapshots that land meanwhile collapse into one run.
   */
  async queueEvaluationRuns(): Promise<number> {
    const { followedEvaluations, runs, transaction } = this.#stores;
    const now = this.#iso();
    let queued = 0;
    for (const pending of await followedEvaluations.listPending()) {
      const run = await transaction(async tx => {
        if (await runs.findOpenRun(pending.syncId, tx)) return undefined;
        if (!(await followedEvaluations.answer(pending, tx))) return undefined;
        return this.#insertScheduledRun(pending.syncId, now, tx);
      }).catch(ignoreOpenRun);
      queued += this.#announceQueued(run);
    }
    return queued;
  }

  /** A run the schedule started; the sync's first run is its initial one. */
  async #insertScheduledRun(
    syncId: string,
    now: string,
    tx: Knex.Transaction,
  ): Promise<SyncRun> {
    const { runs } = this.#stores;
    const trigger: RunTrigger =
      (await runs.countRuns(syncId, tx)) === 0 ? 'initial' : 'schedule';
    return runs.insertQueuedRun({ syncId, trigger, queuedAt: now }, tx);
  }

  /** Signals a run that was queued (once its transaction committed); counts it. */
  #announceQueued(run: SyncRun | undefined): number {
    if (!run) return 0;
    this.#signals.run(run.syncId, run.id, 'run-queued');
    return 1;
  }

  /** Takes the oldest queued run whose sync no live instance holds, or undefined when there is none. */
  async claimQueuedRun(
    owner: string,
    leaseMs: number,
  ): Promise<{ runId: number; lease: Lease } | undefined> {
    const { syncs, runs, transaction } = this.#stores;
    const now = this.#iso();
    for (const candidate of await runs.listQueued(CLAIM_CANDIDATES)) {
      const lease: Lease = {
        syncId: candidate.syncId,
        owner,
        token: randomUUID(),
      };
      const claimed = await transaction(async tx => {
        const times = { now, expiresAt: this.#iso(leaseMs) };
        if (!(await syncs.takeLease(lease, times, tx))) return false;
        if (!(await runs.start(candidate.id, now, tx))) {
          await syncs.releaseLease(lease, tx);
          return false;
        }
        return true;
      });
      if (claimed) {
        this.#signals.run(candidate.syncId, candidate.id, 'run-started');
        return { runId: candidate.id, lease };
      }
    }
    return undefined;
  }

  /** Extends a lease that still holds; false when it expired or was lost. */
  heartbeat(lease: Lease, leaseMs: number): Promise<boolean> {
    return this.#stores.syncs.renewLease(lease, {
      now: this.#iso(),
      expiresAt: this.#iso(leaseMs),
    });
  }

  /**
   * Runs left "running" by an instance that stopped (a crash, a kill) were interrupted: those whose lease
   * lapsed, and at once those of this host's dead predecessor processes (`isDeadPredecessor`; `self` is
   * this instance's id). Each is recorded as failed, finished when its instance was last seen alive, and
   * replaced by a queued run, which re-plans from the ledger.
   */
  async recoverInterruptedRuns(self: string): Promise<number> {
    const { syncs, runs, transaction } = this.#stores;
    const now = this.#iso();
    const running = await runs.listRunning();
    const leases = new Map(
      (await syncs.listLeases(running.map(run => run.syncId))).map(l => [
        l.syncId,
        l,
      ]),
    );
    let recovered = 0;
    for (const run of running) {
      const lease = leases.get(run.syncId);
      if (!lease) continue;
      const holderDead =
        lease.owner !== null && isDeadPredecessor(lease.owner, self);
      const live =
        lease.owner !== null &&
        lease.expiresAt !== null &&
        Date.parse(lease.expiresAt) > Date.parse(now);
      if (live && !holderDead) continue;
      const continuation = await transaction(async tx => {
        // The lease is re-checked under the sync's row lock: a holder that renewed it keeps its run.
        const released = await syncs.releaseAbandonedLease(
          lease,
          { now, holderDead },
          tx,
        );
        if (!released) return undefined;
        const failed = await runs.failInterrupted(
          run.id,
          lease.seenAt ?? now,
          INTERRUPTED,
          tx,
        );
        if (!failed) throw new RunMovedOn();
        await this.#stores.runErrorCounts.clear(run.id, tx);
        return runs.insertQueuedRun(
          {
            syncId: run.syncId,
            trigger: run.trigger,
            kind: run.kind,
            queuedAt: now,
            // An approval given to the interrupted run carries over to its continuation with its bound:
            // the continuation is held again if it would remove materially more.
            approval: run.approval,
          },
          tx,
        );
      }).catch(error => {
        if (error instanceof RunMovedOn) return undefined;
        throw error;
      });
      if (continuation) {
        recovered += 1;
        this.#signals.run(run.syncId, run.id, 'run-finished');
        this.#signals.run(run.syncId, continuation.id, 'run-queued');
      }
    }
    return recovered;
  }

  /** Records what the run is about to do. */
  async recordPlan(
    lease: Lease,
    runId: number,
    plan: {
      evaluationId: number;
      adds: number;
      removes: number;
      updates: number;
    },
  ): Promise<void> {
    await this.#fenced(lease, tx =>
      this.#stores.runs.recordPlan(runId, plan, tx),
    );
    // Not throttled: the plan is what the detail page shows first about a run.
    this.#signals.run(lease.syncId, runId, 'run-progress');
  }

  /** Applies one acknowledged batch to the ledger and the run, atomically, if the lease still holds. */
  async commitBatch(
    lease: Lease,
    runId: number,
    commit: BatchCommit,
  ): Promise<void> {
    const { ledger, runs } = this.#stores;
    await this.#fenced(lease, async tx => {
      await ledger.upsert(lease.syncId, commit.upserts, tx);
      await ledger.delete(lease.syncId, commit.deletes, tx);
      await runs.addCounters(runId, commit.counters, tx);
      await runs.sampleErrors(runId, commit.errors, this.#errorSampleSize, tx);
      await this.#stores.runErrorCounts.add(runId, commit.errors, tx);
      if (this.#recordMemberHistory && commit.history?.length) {
        await this.#stores.memberHistory.record(
          lease.syncId,
          runId,
          this.#iso(),
          commit.history,
          tx,
        );
      }
    });
    this.#signals.progress(lease.syncId, runId);
  }

  /** Stops a run before it sends anything: the removal guard wants an approval of these removals. */
  async holdRun(
    lease: Lease,
    runId: number,
    held: { reason: string; removes: number },
  ): Promise<void> {
    await this.#fenced(lease, async tx => {
      await this.#stores.runs.hold(runId, held, tx);
      await this.#stores.syncs.releaseLease(lease, tx);
    });
    this.#signals.run(lease.syncId, runId, 'run-held');
  }

  /**
   * Ends a run: the run's outcome, the sync's status (a failed run marks it errored, a successful one
   * clears that) and last synced time, and the lease released.
   */
  async finishRun(
    lease: Lease,
    runId: number,
    outcome: {
      status: Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;
      error?: string;
    },
  ): Promise<void> {
    const { syncs, runs } = this.#stores;
    const at = this.#iso();
    await this.#fenced(lease, async tx => {
      await runs.finish(runId, { ...outcome, at }, tx);
      await syncs.recordRunEnd(
        lease.syncId,
        { synced: outcome.status !== 'failed', at },
        tx,
      );
      await syncs.releaseLease(lease, tx);
    });
    this.#signals.run(lease.syncId, runId, 'run-finished');
  }

  /**
   * Ends a verify run with what it found, or as failed. A verification sends nothing, so it leaves the
   * sync's last sync time and status as they were.
   */
  async finishVerification(
    lease: Lease,
    runId: number,
    outcome:
      | { status: 'succeeded'; found: SyncVerification }
      | { status: 'failed'; error: string },
  ): Promise<void> {
    const { runs, syncs, verifications } = this.#stores;
    const at = this.#iso();
    await this.#fenced(lease, async tx => {
      if (outcome.status === 'succeeded') {
        await verifications.save(runId, outcome.found, tx);
        await runs.finish(runId, { status: 'succeeded', at }, tx);
      } else {
        await runs.finish(runId, { ...outcome, at }, tx);
      }
      await syncs.releaseLease(lease, tx);
    });
    this.#signals.run(lease.syncId, runId, 'run-finished');
  }

  /** Keeps what a repair's verification found, while the repair goes on to sync. */
  async recordVerification(
    lease: Lease,
    runId: number,
    found: SyncVerification,
  ): Promise<void> {
    await this.#fenced(lease, tx =>
      this.#stores.verifications.save(runId, found, tx),
    );
  }

  /** Runs `work` in a transaction only while `lease` holds; the row lock taken here orders it with claims. */
  async #fenced<T>(
    lease: Lease,
    work: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    return this.#stores.transaction(async tx => {
      if (!(await this.#stores.syncs.holdsLease(lease, this.#iso(), tx))) {
        throw new LeaseLostError(lease.syncId);
      }
      return work(tx);
    });
  }

  #iso(offsetMs = 0): string {
    return new Date(this.#now().getTime() + offsetMs).toISOString();
  }
}
