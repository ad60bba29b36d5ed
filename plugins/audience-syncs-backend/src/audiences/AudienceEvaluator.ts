import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  AudienceEvaluation,
  nextRunAt,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { SnapshotStore } from '../database/SnapshotStore';
import { AudienceCatalog } from './AudienceCatalog';
import { publishEvaluation } from './publishEvaluation';

/** Members per write: the evaluator holds at most two chunks, the one being written and the next. */
const WRITE_CHUNK = 5000;

type EvaluatorStores = Pick<
  AudienceSyncsStores,
  'snapshots' | 'runs' | 'transaction'
>;

/**
 * Evaluates audiences into snapshots: streams members from the source beside the current snapshot, then
 * switches to the new one atomically. A failed evaluation is recorded and leaves the current snapshot as is.
 */
export class AudienceEvaluator {
  readonly #catalog: AudienceCatalog;
  readonly #stores: EvaluatorStores;
  readonly #store: SnapshotStore;
  readonly #logger: LoggerService;

  static create(options: {
    catalog: AudienceCatalog;
    stores: EvaluatorStores;
    logger: LoggerService;
  }) {
    return new AudienceEvaluator(options);
  }

  private constructor(options: {
    catalog: AudienceCatalog;
    stores: EvaluatorStores;
    logger: LoggerService;
  }) {
    this.#catalog = options.catalog;
    this.#stores = options.stores;
    this.#store = options.stores.snapshots;
    this.#logger = options.logger;
  }

  /** Checks every minute (and at start), on one instance of the cluster at a time, for due audiences. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'audience-syncs:evaluate-audiences',
      frequency: { minutes: 1 },
      timeout: { hours: 2 },
      scope: 'global',
      fn: () => this.evaluateDue(),
    });
  }

  /**
   * Evaluates every audience that is due: never evaluated, or past its next scheduled time. Runs inside one
   * cluster-wide scheduler task, so an evaluation still marked running here was interrupted by a crash.
   */
  async evaluateDue(now = new Date()): Promise<void> {
    const interrupted = await this.#store.failInterruptedEvaluations();
    if (interrupted > 0) {
      this.#logger.warn(`Recorded ${interrupted} interrupted evaluation(s)`);
    }
    const states = await this.#store.getStates();
    for (const { definition } of this.#catalog.definitions()) {
      const latest = states.get(definition.id)?.latest;
      const due =
        !latest ||
        (nextRunAt(
          definition.evaluationSchedule,
          new Date(latest.startedAt),
        )?.getTime() ?? Infinity) <= now.getTime();
      if (due) await this.evaluate(definition.id);
    }
  }

  async evaluate(audienceId: string): Promise<AudienceEvaluation> {
    const entry = this.#catalog.entry(audienceId);
    if (!entry) throw new Error(`Unknown audience '${audienceId}'`);
    const evaluationId = await this.#store.startEvaluation(audienceId);
    // One chunk is written while the next is read: the warehouse and the store work at the same time.
    let writing: Promise<void> = Promise.resolve();
    const write = async (chunk: AudienceMember[]) => {
      await writing;
      writing = this.#store.writeMembers(evaluationId, chunk);
      // Handled where it is awaited: before the next write, or before the evaluation ends.
      writing.catch(() => undefined);
    };
    let count = 0;
    try {
      let chunk: AudienceMember[] = [];
      for await (const member of entry.source.evaluate(audienceId)) {
        chunk.push(member);
        if (chunk.length === WRITE_CHUNK) {
          await write(chunk);
          count += chunk.length;
          chunk = [];
        }
      }
      await write(chunk);
      await writing;
      count += chunk.length;
      await publishEvaluation(this.#stores, evaluationId, count);
      this.#logger.info(`Evaluated audience '${audienceId}': ${count} members`);
    } catch (error) {
      // A write still in flight finishes first, so the failed evaluation's members are all dropped.
      await writing.catch(() => undefined);
      const message = describeEvaluationError(error);
      await this.#store.failEvaluation(evaluationId, message);
      this.#logger.error(
        `Evaluation of audience '${audienceId}' failed: ${message}`,
      );
    }
    const state = await this.#store.getState(audienceId);
    return state.latest!;
  }
}

function describeEvaluationError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/unique|duplicate key/i.test(message)) {
    return `The query returned the same member key twice; member keys must be unique (${message})`;
  }
  return message;
}
