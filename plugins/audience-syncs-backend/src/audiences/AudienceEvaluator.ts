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

/** How often a running evaluation renews its heartbeat, also while the warehouse is still answering. */
const HEARTBEAT_INTERVAL_MS = 30_000;

/** A heartbeat older than this means the evaluating instance stopped: several renewals were missed. */
const HEARTBEAT_LAPSE_MS = 5 * 60_000;

/** Thrown when another instance recorded the evaluation as failed: its work is of no use any more. */
class EvaluationFailedElsewhereError extends Error {
  constructor(evaluationId: number) {
    super(
      `Evaluation ${evaluationId} was recorded as failed by another instance (its heartbeat lapsed)`,
    );
  }
}

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
  readonly #onPublished: () => void;

  static create(options: {
    catalog: AudienceCatalog;
    stores: EvaluatorStores;
    logger: LoggerService;
    /** Told when a new snapshot became current: syncs that run after each evaluation need not wait a tick. */
    onPublished?: () => void;
  }) {
    return new AudienceEvaluator(options);
  }

  private constructor(options: Parameters<typeof AudienceEvaluator.create>[0]) {
    this.#catalog = options.catalog;
    this.#stores = options.stores;
    this.#store = options.stores.snapshots;
    this.#logger = options.logger;
    this.#onPublished = options.onPublished ?? (() => {});
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
   * cluster-wide scheduler task; its lock can lapse while a long evaluation still runs, so an evaluation
   * counts as interrupted only once its own heartbeat lapsed, and one still running is not started again.
   */
  async evaluateDue(now = new Date()): Promise<void> {
    const interrupted = await this.#store.failInterruptedEvaluations(
      HEARTBEAT_LAPSE_MS,
    );
    if (interrupted > 0) {
      this.#logger.warn(`Recorded ${interrupted} interrupted evaluation(s)`);
    }
    const states = await this.#store.getStates();
    for (const { definition } of this.#catalog.definitions()) {
      const latest = states.get(definition.id)?.latest;
      if (latest?.status === 'running') continue;
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
    const heartbeat = this.#heartbeat(evaluationId);
    // One chunk is written while the next is read: the warehouse and the store work at the same time.
    let writing: Promise<void> = Promise.resolve();
    const write = async (chunk: AudienceMember[]) => {
      await writing;
      await heartbeat.renew();
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
      this.#onPublished();
    } catch (error) {
      // A write still in flight finishes first, so the failed evaluation's members are all dropped.
      await writing.catch(() => undefined);
      const message = describeEvaluationError(error);
      await this.#store.failEvaluation(evaluationId, message);
      this.#logger.error(
        `Evaluation of audience '${audienceId}' failed: ${message}`,
      );
    } finally {
      heartbeat.stop();
    }
    const state = await this.#store.getState(audienceId);
    return state.latest!;
  }

  /**
   * Renews the evaluation's heartbeat on a timer and before each write; a renewal that finds the
   * evaluation no longer running stops the evaluation at its next write.
   */
  #heartbeat(evaluationId: number) {
    let lost = false;
    const renew = async () => {
      if (lost || !(await this.#store.renewEvaluation(evaluationId))) {
        lost = true;
        throw new EvaluationFailedElsewhereError(evaluationId);
      }
    };
    const timer = setInterval(() => {
      renew().catch(error => {
        if (!(error instanceof EvaluationFailedElsewhereError)) {
          this.#logger.warn(
            `Could not renew the heartbeat of evaluation ${evaluationId}: ${error}`,
          );
        }
      });
    }, HEARTBEAT_INTERVAL_MS);
    timer.unref?.();
    return { renew, stop: () => clearInterval(timer) };
  }
}

function describeEvaluationError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/unique|duplicate key/i.test(message)) {
    return `The query returned the same member key twice; member keys must be unique (${message})`;
  }
  return message;
}
