import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { MemberHistoryStore } from '../database/MemberHistoryStore';

const PRUNE_TASK = 'audience-syncs:member-history-prune';

/** Steps deleted per statement: short transactions beside the runs' commits. */
const PRUNE_CHUNK = 5_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes member history older than the retention period, in bounded chunks, on one instance of the
 * cluster at a time. It prunes whether or not runs still record history, so turning it off lets what was
 * recorded age out.
 */
export class MemberHistoryPruner {
  readonly #store: MemberHistoryStore;
  readonly #retentionDays: number;
  readonly #logger: LoggerService;
  readonly #chunk: number;
  readonly #now: () => Date;

  static create(options: {
    store: MemberHistoryStore;
    retentionDays: number;
    logger: LoggerService;
    /** Steps deleted per statement; default 5,000. */
    chunk?: number;
    now?: () => Date;
  }) {
    return new MemberHistoryPruner(options);
  }

  private constructor(
    options: Parameters<typeof MemberHistoryPruner.create>[0],
  ) {
    this.#store = options.store;
    this.#retentionDays = options.retentionDays;
    this.#logger = options.logger;
    this.#chunk = options.chunk ?? PRUNE_CHUNK;
    this.#now = options.now ?? (() => new Date());
  }

  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: PRUNE_TASK,
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 1 },
      scope: 'global',
      fn: async () => {
        await this.prune();
      },
    });
  }

  /** One pass: deletes chunk after chunk until nothing older than the retention is left; returns how many. */
  async prune(): Promise<number> {
    const before = new Date(
      this.#now().getTime() - this.#retentionDays * DAY_MS,
    ).toISOString();
    let total = 0;
    for (;;) {
      const deleted = await this.#store.pruneOlderThan(before, this.#chunk);
      total += deleted;
      if (deleted < this.#chunk) break;
    }
    if (total > 0) {
      this.#logger.info(
        `Pruned ${total} member history steps older than ${
          this.#retentionDays
        } days`,
      );
    }
    return total;
  }
}
