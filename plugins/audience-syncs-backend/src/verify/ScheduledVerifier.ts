import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { DestinationRegistry } from '../destinations/DestinationRegistry';

const VERIFY_TASK = 'audience-syncs:verify';
const CONFIG_KEY = 'audienceSyncs.verify.schedule';
const PAGE = 100;

/**
 * Verifies, on a schedule (`audienceSyncs.verify.schedule`; absent: never), every active sync whose
 * destination can read members back: one verify run is queued per sync, which the dispatcher executes
 * under the sync's lease like any run. A sync with an open run is left for the next time.
 */
export class ScheduledVerifier {
  readonly #stores: AudienceSyncsStores;
  readonly #destinations: DestinationRegistry;
  readonly #logger: LoggerService;
  readonly #onQueued: () => void;

  static create(options: {
    stores: AudienceSyncsStores;
    destinations: DestinationRegistry;
    logger: LoggerService;
    /** Wakes the dispatcher once runs are queued. */
    onQueued: () => void;
  }) {
    return new ScheduledVerifier(options);
  }

  private constructor(options: Parameters<typeof ScheduledVerifier.create>[0]) {
    this.#stores = options.stores;
    this.#destinations = options.destinations;
    this.#logger = options.logger;
    this.#onQueued = options.onQueued;
  }

  /** The configured frequency in milliseconds; undefined when verifying on a schedule is off. */
  static readFrequencyMs(config: Config): number | undefined {
    if (config.getOptional(CONFIG_KEY) === undefined) return undefined;
    let ms: number;
    try {
      ms = durationToMilliseconds(
        readDurationFromConfig(config, { key: CONFIG_KEY }),
      );
    } catch (error) {
      throw new Error(`Invalid ${CONFIG_KEY}: ${(error as Error).message}`);
    }
    if (!(ms >= 60_000)) {
      throw new Error(`Invalid ${CONFIG_KEY}: must be at least 1 minute`);
    }
    return ms;
  }

  async schedule(scheduler: SchedulerService, everyMs: number): Promise<void> {
    await scheduler.scheduleTask({
      id: VERIFY_TASK,
      frequency: { milliseconds: everyMs },
      timeout: { minutes: 5 },
      scope: 'global',
      fn: () => this.queueVerifies().then(() => undefined),
    });
  }

  /** Queues a verify of every active sync that can be verified; answers how many were queued. */
  async queueVerifies(): Promise<number> {
    let queued = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.#stores.syncs.listSyncs(
        { status: 'active' },
        { limit: PAGE, offset },
      );
      for (const sync of page.items) {
        const connected = this.#destinations.get(sync.destinationId);
        if (!connected?.client.readMembers) continue;
        const run = await this.#stores.runs.queueRun(
          sync.id,
          'schedule',
          undefined,
          'verify',
        );
        if (run) queued += 1;
      }
      if (offset + PAGE >= page.totalCount) break;
    }
    if (queued > 0) {
      this.#logger.info(`Queued ${queued} scheduled verify run(s)`);
      this.#onQueued();
    }
    return queued;
  }
}
