import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AudienceSync,
  DestinationFieldSchema,
  SyncRunError,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  BatchOperation,
  BatchSequence,
  DestinationClient,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createHash } from 'node:crypto';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { Lease, LeaseLostError } from '../database/Lease';
import { ChangedMember, LedgerEntry } from '../database/ledger/LedgerEntry';
import { SnapshotMember } from '../database/SnapshotMember';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { RecordedRunStatus, SyncMetrics } from '../metrics/SyncMetrics';
import { BatchCommit } from './BatchCommit';
import { BatchSender } from './BatchSender';
import { BatchOutcome, BatchWindow } from './BatchWindow';
import { invalidSteps, sentSteps } from './memberHistorySteps';
import { ModePolicy } from './modePolicy';
import { RateBudgets } from './RateBudgets';
import { PlannedRemovals, RemovalGuard } from './RemovalGuard';
import { RequestBudget } from './RequestBudget';
import { RunCoordinator } from './RunCoordinator';
import { PageNumbering, SequencedPages } from './SequencedPages';
import { SyncPlan, SyncPlanner } from './SyncPlanner';

/** A run cannot go on; its message is what the detail page shows. */
class RunFailure extends Error {}

interface RunContext {
  runId: number;
  lease: Lease;
  sync: AudienceSync;
  target: SyncTarget;
  client: DestinationClient;
  /** The destination's connector type, which the run's metrics are recorded by. */
  destinationType: string;
  limiter: RequestBudget;
  signal: AbortSignal;
  batchSize: number;
  window: BatchWindow;
  failedRows: number;
}

/**
 * Executes one claimed run: plans the diff on the snapshot the run pins, asks the
 * removal guard, then sends removes, adds and changes in batches, committing each acknowledged batch to
 * the ledger with the run's counters. Up to the destination's `concurrentBatches` are in flight at once
 * (`BatchWindow`); each set (removes, adds, changes) is fully committed before the next starts, so a
 * member's remove and add never race. Rows the destination refused stay out of the ledger, so the next
 * run sends them again; a crash loses at most the batches in flight, which adds and removes resend safely.
 * The removes and the adds of new members each go out as one numbered sequence whose last batch is
 * flagged (`SequencedPages`), for vendors that group an upload's requests into a session.
 */
export class SyncExecutor {
  readonly #stores: AudienceSyncsStores;
  readonly #coordinator: RunCoordinator;
  readonly #planner: SyncPlanner;
  readonly #destinations: DestinationRegistry;
  readonly #sender: BatchSender;
  readonly #guard: RemovalGuard;
  readonly #logger: LoggerService;
  readonly #budgets: RateBudgets;
  readonly #metrics?: SyncMetrics;

  static create(options: {
    stores: AudienceSyncsStores;
    coordinator: RunCoordinator;
    planner: SyncPlanner;
    destinations: DestinationRegistry;
    sender: BatchSender;
    guard: RemovalGuard;
    logger: LoggerService;
    /** Each destination's request budget; default: this process's own. */
    budgets?: RateBudgets;
    /** Records runs, rows and budget waits; default: none. */
    metrics?: SyncMetrics;
  }) {
    return new SyncExecutor(options);
  }

  private constructor(options: Parameters<typeof SyncExecutor.create>[0]) {
    this.#stores = options.stores;
    this.#coordinator = options.coordinator;
    this.#planner = options.planner;
    this.#destinations = options.destinations;
    this.#sender = options.sender;
    this.#guard = options.guard;
    this.#logger = options.logger;
    this.#budgets = options.budgets ?? RateBudgets.inProcess();
    this.#metrics = options.metrics;
  }

  async execute(
    runId: number,
    lease: Lease,
    signal: AbortSignal,
  ): Promise<void> {
    let window: BatchWindow | undefined;
    const startedAt = performance.now();
    let destinationType = 'unknown';
    const ended = (status: RecordedRunStatus) =>
      this.#metrics?.runEnded({
        status,
        destinationType,
        seconds: (performance.now() - startedAt) / 1000,
      });
    try {
      const context = await this.#prepare(runId, lease, signal);
      window = context.window;
      destinationType = context.destinationType;
      const outcome = await this.#run(context);
      if (outcome === 'held') {
        ended('held');
        return;
      }
      const status = context.failedRows > 0 ? 'partial' : 'succeeded';
      await this.#coordinator.finishRun(lease, runId, { status });
      ended(status);
    } catch (error) {
      // Batches still in flight settle first: what the destination acknowledged reaches the ledger.
      await window?.drain().catch(() => undefined);
      if (error instanceof LeaseLostError || signal.aborted) {
        // Another instance owns the sync now (or it was deleted); it recovers the run.
        this.#logger.warn(`Run ${runId} stopped: ${(error as Error).message}`);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof RunFailure)) {
        this.#logger.error(`Run ${runId} failed: ${message}`);
      }
      await this.#coordinator
        .finishRun(lease, runId, { status: 'failed', error: message })
        .then(() => ended('failed'))
        .catch(finishError => {
          this.#logger.warn(
            `Run ${runId} could not be finished: ${finishError}`,
          );
        });
    }
  }

  async #prepare(
    runId: number,
    lease: Lease,
    signal: AbortSignal,
  ): Promise<RunContext> {
    const sync = await this.#stores.syncs.getSync(lease.syncId);
    if (!sync) throw new LeaseLostError(lease.syncId);
    const connected = this.#destinations.get(sync.destinationId);
    if (!connected) {
      throw new RunFailure(
        `Destination '${sync.destinationId}' is no longer configured`,
      );
    }
    const { capabilities, type: destinationType } = connected.destination;
    const window = BatchWindow.create({
      size: capabilities.concurrentBatches ?? 1,
      commit: async commit => {
        await this.#coordinator.commitBatch(lease, runId, commit);
        this.#metrics?.rowsCommitted(commit.counters, destinationType);
      },
    });
    return {
      runId,
      lease,
      sync,
      target: {
        object: sync.object,
        identifier: sync.identifier,
        fieldMappings: sync.fieldMappings,
        fieldSchema: await this.#fieldSchema(sync, connected.client),
      },
      client: connected.client,
      destinationType,
      limiter: this.#limiterFor(sync.destinationId, capabilities.rateLimit),
      signal,
      batchSize: capabilities.batchSize,
      window,
      failedRows: 0,
    };
  }

  /**
   * The object's described fields, read once per run so that preparation converts values without a
   * request per member; not read when nothing is mapped. A vendor that cannot describe them fails the run,
   * as it could not take the batches either.
   */
  async #fieldSchema(
    sync: AudienceSync,
    client: DestinationClient,
  ): Promise<DestinationFieldSchema | undefined> {
    if (sync.fieldMappings.length === 0 || !client.describeFields) {
      return undefined;
    }
    try {
      return await client.describeFields(sync.object);
    } catch (error) {
      throw new RunFailure(
        `Could not read the fields of ${sync.object.name}: ${
          (error as Error).message
        }`,
      );
    }
  }

  async #run(context: RunContext): Promise<'held' | 'done'> {
    const { sync, lease, runId } = context;
    const { current } = await this.#stores.snapshots.getState(sync.audienceId);
    if (!current) {
      throw new RunFailure(
        `Audience '${sync.audienceId}' has no successful evaluation to sync`,
      );
    }
    const plan = await this.#planner.plan(sync, current.id);
    const { policy } = plan;
    await this.#coordinator.recordPlan(lease, runId, {
      evaluationId: current.id,
      ...plan.planned,
    });

    const removals = await this.#plannedRemovals(context, plan);
    const hold = await this.#guardHold(context, removals);
    if (hold) {
      await this.#coordinator.holdRun(lease, runId, {
        reason: hold,
        removes: removals.departed + removals.rekeyed,
      });
      return 'held';
    }

    // Whole batches per page (at least 100 rows), so that only a set's last batch goes out short.
    const pageSize = context.batchSize * Math.ceil(100 / context.batchSize);
    if (policy.removeDeparted) {
      const removes = SequencedPages.create({
        syncId: sync.id,
        runId,
        operation: 'remove',
        estimatedRows: plan.planned.removes,
      });
      for await (const page of this.#planner.departed(
        sync.id,
        current.id,
        pageSize,
      )) {
        const rows = page.map(d => ({
          memberKey: d.memberKey,
          identifier: d.identifier,
          fields: {},
        }));
        await removes.add(rows.length, numbering =>
          this.#sendAndCommit(
            context,
            'remove',
            rows,
            accepted => ({ deletes: accepted.map(r => r.memberKey) }),
            numbering,
          ),
        );
      }
      await removes.end();
      await context.window.drain();
    }
    const adds = SequencedPages.create({
      syncId: sync.id,
      runId,
      operation: 'add',
      estimatedRows: plan.planned.adds,
    });
    for await (const page of this.#planner.joined(
      sync.id,
      current.id,
      pageSize,
    )) {
      await this.#joined(context, page, policy.addJoined, adds);
    }
    await adds.end();
    await context.window.drain();
    for await (const page of this.#planner.changed(
      sync.id,
      current.id,
      pageSize,
    )) {
      await this.#changed(context, page, policy);
    }
    await context.window.drain();
    return 'done';
  }

  /**
   * Every removal the run would send: its departed members and, in a mode that replaces a re-keyed
   * member's old identifier, each member whose identifier changed, found by preparing the changed members
   * as the run will.
   */
  async #plannedRemovals(
    context: RunContext,
    plan: SyncPlan,
  ): Promise<PlannedRemovals> {
    const removals = { departed: plan.planned.removes, rekeyed: 0 };
    if (plan.policy.rekey !== 'replace' || plan.counts.changed === 0) {
      return removals;
    }
    removals.rekeyed = await this.#planner.countRekeyed(
      context.sync.id,
      plan.evaluationId,
      member => {
        const result = context.client.prepare(member, context.target);
        return result.ok ? result.row.identifier : undefined;
      },
    );
    return removals;
  }

  /**
   * Why the run must wait for an approval, if it must: the guard's share and minimum for a run nobody
   * approved, and for an approved one the bound of what its approver saw.
   */
  async #guardHold(
    context: RunContext,
    removals: PlannedRemovals,
  ): Promise<string | undefined> {
    const { sync, runId } = context;
    const total = removals.departed + removals.rekeyed;
    if (total === 0) return undefined;
    const run = await this.#stores.runs.getRun(sync.id, runId);
    if (run?.approval) {
      return this.#guard.checkApproved(
        total,
        run.approval.removes,
        sync.removalGuard,
      );
    }
    return this.#guard.check(
      removals,
      await this.#stores.ledger.count(sync.id),
      sync.removalGuard,
    );
  }

  /** New members: sent as adds, or (Subtractive) only recorded so that their departure is noticed. */
  async #joined(
    context: RunContext,
    page: SnapshotMember[],
    send: boolean,
    sequence: SequencedPages,
  ) {
    const { prepared, invalid } = this.#prepareAll(context, page, 'add');
    if (!send) {
      await context.window.record({
        upserts: prepared.map(p => ledgerEntry(p.row, p.planned, context)),
        deletes: [],
        counters: { sent: 0, succeeded: 0, failed: 0, invalid: invalid.length },
        errors: invalid,
        history: invalidSteps(invalid),
      });
      return;
    }
    await this.#commitInvalid(context, invalid);
    const byKey = new Map(prepared.map(p => [p.row.memberKey, p.planned]));
    await sequence.add(prepared.length, numbering =>
      this.#sendAndCommit(
        context,
        'add',
        prepared.map(p => p.row),
        rows => ({
          upserts: rows.map(r =>
            ledgerEntry(r, byKey.get(r.memberKey)!, context),
          ),
        }),
        numbering,
      ),
    );
  }

  /**
   * Members whose keys or fields changed. A new identifier is a re-key, new field values are an update
   * where the sync maps fields (the mode's policy says what each sends); anything else only refreshes the
   * ledger.
   */
  async #changed(
    context: RunContext,
    page: ChangedMember[],
    policy: ModePolicy,
  ) {
    const { prepared, invalid } = this.#prepareAll(context, page, 'update');
    await this.#commitInvalid(context, invalid);
    const rekeyed = prepared.filter(
      p => p.row.identifier !== p.planned.ledger.identifier,
    );
    const updated = prepared.filter(
      p =>
        !rekeyed.includes(p) &&
        context.target.fieldMappings.length > 0 &&
        fieldsHash(p.row, context) !== p.planned.ledger.fieldsHash,
    );
    const refreshed = prepared.filter(
      p => !rekeyed.includes(p) && !updated.includes(p),
    );
    const upsert = (rows: PreparedRow[], source: typeof prepared) => {
      const byKey = new Map(source.map(p => [p.row.memberKey, p.planned]));
      return rows.map(r => ledgerEntry(r, byKey.get(r.memberKey)!, context));
    };

    if (policy.rekey === 'record') {
      refreshed.push(...rekeyed);
    } else {
      if (policy.rekey === 'replace') {
        await this.#sendAndCommit(
          context,
          'remove',
          rekeyed.map(p => ({
            memberKey: p.row.memberKey,
            identifier: p.planned.ledger.identifier,
            fields: {},
          })),
          // The member's timeline shows the re-key once, as the update that adds the new identifier.
          () => ({ history: [] }),
        );
        // The old identifier is gone before the new one is announced.
        await context.window.drain();
      }
      await this.#sendAndCommit(
        context,
        'add',
        rekeyed.map(p => p.row),
        rows => ({
          upserts: upsert(rows, rekeyed),
          history: sentSteps('update', rows),
        }),
      );
    }
    if (policy.sendUpdates) {
      await this.#sendAndCommit(
        context,
        'update',
        updated.map(p => p.row),
        rows => ({ upserts: upsert(rows, updated) }),
      );
    } else {
      refreshed.push(...updated);
    }
    if (refreshed.length > 0) {
      await context.window.record({
        upserts: upsert(
          refreshed.map(p => p.row),
          refreshed,
        ),
        deletes: [],
        counters: { sent: 0, succeeded: 0, failed: 0, invalid: 0 },
        errors: [],
      });
    }
  }

  #prepareAll<T extends SnapshotMember>(
    context: RunContext,
    page: T[],
    operation: 'add' | 'update',
  ) {
    const prepared: Array<{ row: PreparedRow; planned: T }> = [];
    const invalid: SyncRunError[] = [];
    for (const planned of page) {
      const result = context.client.prepare(planned.member, context.target);
      if (result.ok) {
        prepared.push({ row: result.row, planned });
      } else {
        invalid.push({
          memberKey: planned.member.memberKey,
          operation,
          code: result.code,
          message: result.reason,
          retryable: false,
        });
      }
    }
    return { prepared, invalid };
  }

  async #commitInvalid(context: RunContext, invalid: SyncRunError[]) {
    if (invalid.length === 0) return;
    await context.window.record({
      upserts: [],
      deletes: [],
      counters: { sent: 0, succeeded: 0, failed: 0, invalid: invalid.length },
      errors: invalid,
      history: invalidSteps(invalid),
    });
  }

  /**
   * Sends rows in batches of the destination's size through the run's window; each acknowledged batch
   * commits what `ledger` says for the rows the destination accepted. A batch that still fails after
   * retries ends the run.
   */
  async #sendAndCommit(
    context: RunContext,
    operation: BatchOperation,
    rows: PreparedRow[],
    ledger: (
      accepted: PreparedRow[],
    ) => Partial<Pick<BatchCommit, 'upserts' | 'deletes' | 'history'>>,
    numbering?: PageNumbering,
  ) {
    for (let i = 0; i < rows.length; i += context.batchSize) {
      context.signal.throwIfAborted();
      const batch = rows.slice(i, i + context.batchSize);
      const sequence = numbering?.next(i + context.batchSize >= rows.length);
      await context.window.submit(() =>
        this.#sendBatch(context, operation, batch, ledger, sequence),
      );
    }
  }

  async #sendBatch(
    context: RunContext,
    operation: BatchOperation,
    batch: PreparedRow[],
    ledger: (
      accepted: PreparedRow[],
    ) => Partial<Pick<BatchCommit, 'upserts' | 'deletes' | 'history'>>,
    sequence?: BatchSequence,
  ): Promise<BatchOutcome> {
    let rejected;
    const { destinationType } = context;
    this.#metrics?.inFlight(batch.length, destinationType);
    try {
      const sent = await this.#sender.send(context.client, context.limiter, {
        operation,
        target: context.target,
        rows: batch,
        signal: context.signal,
        sequence,
      });
      rejected = sent.result.rejected;
      this.#metrics?.throttleWaited(
        sent.stats.budgetWaitMs / 1000,
        destinationType,
      );
    } catch (error) {
      if (context.signal.aborted) return { failure: error as Error };
      return {
        commit: {
          upserts: [],
          deletes: [],
          counters: {
            sent: batch.length,
            succeeded: 0,
            failed: batch.length,
            invalid: 0,
          },
          errors: [],
        },
        failure: new RunFailure(
          `${operation} batch failed: ${(error as Error).message}`,
        ),
      };
    } finally {
      this.#metrics?.inFlight(-batch.length, destinationType);
    }
    const refused = new Set(rejected.map(r => r.memberKey));
    const accepted = batch.filter(r => !refused.has(r.memberKey));
    context.failedRows += batch.length - accepted.length;
    const changes = ledger(accepted);
    return {
      commit: {
        upserts: changes.upserts ?? [],
        deletes: changes.deletes ?? [],
        counters: {
          sent: batch.length,
          succeeded: accepted.length,
          failed: batch.length - accepted.length,
          invalid: 0,
        },
        errors: rejected.map(r => ({ ...r, operation })),
        history: changes.history ?? sentSteps(operation, accepted),
      },
    };
  }

  #limiterFor(
    destinationId: string,
    rate?: { requests: number; perSeconds: number },
  ) {
    return this.#budgets.for(destinationId, rate);
  }
}

function fieldsHash(row: PreparedRow, context: RunContext): string | null {
  if (context.target.fieldMappings.length === 0) return null;
  return createHash('sha256').update(JSON.stringify(row.fields)).digest('hex');
}

function ledgerEntry(
  row: PreparedRow,
  planned: SnapshotMember,
  context: RunContext,
): LedgerEntry {
  return {
    memberKey: row.memberKey,
    identifier: row.identifier,
    memberHash: planned.memberHash,
    fieldsHash: fieldsHash(row, context),
  };
}
