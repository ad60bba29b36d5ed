import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Lease, LeaseLostError } from '../database/Lease';
import { RunCoordinator } from './RunCoordinator';

/** Executes one claimed run; stops when `signal` aborts (the lease was lost, or shutdown). */
export interface RunExecutor {
  execute(runId: number, lease: Lease, signal: AbortSignal): Promise<void>;
}

const DISPATCH_TASK = 'audience-syncs:dispatch';

/**
 * Runs syncs on one backend instance. Syncs are rows, not scheduler tasks: each tick recovers runs whose
 * instance died, queues the runs that are due (by time, or by a new snapshot of the audience), and claims queued runs under a lease (renewed by a
 * heartbeat) up to a concurrency limit. Any number of instances can tick against one database; the
 * conditional updates of RunCoordinator make every due run execute exactly once.
 */
export class SyncDispatcher {
  readonly #runs: RunCoordinator;
  readonly #executor: RunExecutor;
  readonly #logger: LoggerService;
  readonly #owner: string;
  readonly #tickMs: number;
  readonly #leaseMs: number;
  readonly #heartbeatMs: number;
  readonly #concurrency: number;
  readonly #active = new Map<
    number,
    { done: Promise<void>; abort: AbortController }
  >();
  #claiming: Promise<void> | undefined;

  static create(options: {
    runs: RunCoordinator;
    executor: RunExecutor;
    logger: LoggerService;
    /** Names this instance in leases. */
    instanceId: string;
    tickMs: number;
    leaseMs: number;
    heartbeatMs: number;
    /** Runs this instance executes at once. */
    concurrency: number;
  }) {
    return new SyncDispatcher(options);
  }

  private constructor(options: Parameters<typeof SyncDispatcher.create>[0]) {
    this.#runs = options.runs;
    this.#executor = options.executor;
    this.#logger = options.logger;
    this.#owner = options.instanceId;
    this.#tickMs = options.tickMs;
    this.#leaseMs = options.leaseMs;
    this.#heartbeatMs = options.heartbeatMs;
    this.#concurrency = options.concurrency;
  }

  get instanceId(): string {
    return this.#owner;
  }

  /**
   * Ticks every `tickMs` on this instance (every instance dispatches; leases share the work out) and
   * returns a function that ticks at once, for "Run now".
   */
  async schedule(scheduler: SchedulerService): Promise<() => void> {
    await scheduler.scheduleTask({
      id: DISPATCH_TASK,
      frequency: { milliseconds: this.#tickMs },
      timeout: { minutes: 1 },
      scope: 'local',
      fn: () => this.tick(),
    });
    return () => {
      scheduler.triggerTask(DISPATCH_TASK).catch(error => {
        this.#logger.warn(`Could not wake the dispatcher: ${error}`);
      });
    };
  }

  /** One pass; returns once the claimed runs have started, not finished. */
  async tick(): Promise<void> {
    const recovered = await this.#runs.recoverInterruptedRuns(this.#owner);
    if (recovered > 0) {
      this.#logger.warn(`Requeued ${recovered} interrupted run(s)`);
    }
    await this.#runs.queueDueRuns();
    await this.#runs.queueEvaluationRuns();
    await this.#claim();
  }

  /** Resolves when this instance runs nothing (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#active.size > 0 || this.#claiming) {
      await Promise.allSettled([
        ...[...this.#active.values()].map(a => a.done),
        this.#claiming,
      ]);
    }
  }

  /** Stops this instance's runs; their leases expire and another instance continues them. */
  async stop(): Promise<void> {
    for (const { abort } of this.#active.values())
      abort.abort(new Error('Shutting down'));
    await this.idle();
  }

  #claim(): Promise<void> {
    // One claim loop at a time per instance; a finishing run starts another loop for what is queued.
    // The loop is cleared in a `.finally` callback, which runs after the assignment even when every
    // slot is busy and the loop ends at once (a `finally` inside it would run before, leaving a
    // settled loop in place and this instance claiming nothing ever again).
    this.#claiming ??= this.#claimLoop().finally(() => {
      this.#claiming = undefined;
    });
    return this.#claiming;
  }

  async #claimLoop(): Promise<void> {
    while (this.#active.size < this.#concurrency) {
      const claimed = await this.#runs.claimQueuedRun(
        this.#owner,
        this.#leaseMs,
      );
      if (!claimed) break;
      this.#start(claimed.runId, claimed.lease);
    }
  }

  #start(runId: number, lease: Lease) {
    const abort = new AbortController();
    const heartbeat = setInterval(async () => {
      const held = await this.#runs
        .heartbeat(lease, this.#leaseMs)
        .catch(() => false);
      if (!held) abort.abort(new LeaseLostError(lease.syncId));
    }, this.#heartbeatMs);
    const done = this.#executor
      .execute(runId, lease, abort.signal)
      .catch(error => this.#logger.error(`Run ${runId} crashed: ${error}`))
      .finally(() => {
        clearInterval(heartbeat);
        this.#active.delete(runId);
        this.#claim().catch(error =>
          this.#logger.error(`Claiming runs failed: ${error}`),
        );
      });
    this.#active.set(runId, { done, abort });
  }
}
