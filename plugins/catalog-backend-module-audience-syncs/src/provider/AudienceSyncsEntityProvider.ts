import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
  AudienceSyncsService,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { audienceEntity } from './audienceEntity';
import { destinationEntity } from './destinationEntity';
import { EntityDefaults, readProviderConfig } from './readProviderConfig';
import { PROVIDER_NAME } from './resourceEntity';

/** Entities by entity ref, each with its JSON to tell whether it changed. */
type EntitySet = Map<string, { deferred: DeferredEntity; json: string }>;

interface ProviderOptions {
  defaults: EntityDefaults;
  taskRunner: SchedulerServiceTaskRunner;
  logger: LoggerService;
  auth: AuthService;
  events: EventsService;
  audienceSyncs: AudienceSyncsService;
}

/**
 * Publishes every audience and destination of the Audience Syncs backend as a `kind: Resource` entity: the
 * whole set on a schedule, and what changed when the backend announces new definitions.
 */
export class AudienceSyncsEntityProvider implements EntityProvider {
  readonly #options: ProviderOptions;
  /** What this instance last applied; unknown (undefined) until its first successful mutation. */
  #published?: EntitySet;
  /** Refreshes run one at a time, so each diff is against what the previous one applied. */
  #queue: Promise<void> = Promise.resolve();

  static fromConfig(
    config: Config,
    deps: {
      logger: LoggerService;
      scheduler: SchedulerService;
      auth: AuthService;
      events: EventsService;
      audienceSyncs: AudienceSyncsService;
    },
  ): AudienceSyncsEntityProvider {
    const { schedule, defaults } = readProviderConfig(config);
    return new AudienceSyncsEntityProvider({
      ...deps,
      defaults,
      taskRunner: deps.scheduler.createScheduledTaskRunner(schedule),
    });
  }

  private constructor(options: ProviderOptions) {
    this.#options = options;
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.#options.events.subscribe({
      id: 'audience-syncs-entity-provider',
      topics: [AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC],
      onEvent: () => this.#enqueue(connection, 'delta'),
    });
    await this.#options.taskRunner.run({
      id: `${PROVIDER_NAME}:refresh`,
      fn: () => this.#enqueue(connection, 'full'),
    });
  }

  /** Runs the refresh after those already queued; its failure is the caller's, not the next refresh's. */
  #enqueue(
    connection: EntityProviderConnection,
    mode: 'full' | 'delta',
  ): Promise<void> {
    const refresh = this.#queue.then(() => this.#refresh(connection, mode));
    this.#queue = refresh.catch(() => {});
    return refresh;
  }

  async #refresh(
    connection: EntityProviderConnection,
    mode: 'full' | 'delta',
  ): Promise<void> {
    const { logger } = this.#options;
    let current: EntitySet;
    try {
      current = await this.#read();
    } catch (error) {
      // Applying nothing keeps the entities already published; an empty full mutation would delete them.
      logger.error(
        `Could not read audiences and destinations, the catalog keeps the previous entities: ${error}`,
      );
      return;
    }
    const previous = this.#published;
    // After a restart this instance does not know what the catalog holds, so only a full mutation is exact.
    if (mode === 'full' || !previous) {
      await connection.applyMutation({
        type: 'full',
        entities: [...current.values()].map(e => e.deferred),
      });
      logger.info(
        `Published ${current.size} audience and destination entities`,
      );
    } else {
      const added = [...current]
        .filter(([ref, { json }]) => previous.get(ref)?.json !== json)
        .map(([, e]) => e.deferred);
      const removed = [...previous.keys()]
        .filter(ref => !current.has(ref))
        .map(entityRef => ({ entityRef, locationKey: PROVIDER_NAME }));
      if (added.length === 0 && removed.length === 0) return;
      await connection.applyMutation({ type: 'delta', added, removed });
      logger.info(
        `Published ${added.length} added or changed and ${removed.length} removed audience and destination entities`,
      );
    }
    this.#published = current;
  }

  async #read(): Promise<EntitySet> {
    const { auth, audienceSyncs, defaults } = this.#options;
    const credentials = await auth.getOwnServiceCredentials();
    const [audiences, destinations] = await Promise.all([
      audienceSyncs.listAudiences({ credentials }),
      audienceSyncs.listDestinations({ credentials }),
    ]);
    const entities = [
      ...audiences.map(a => audienceEntity(a, defaults)),
      ...destinations.map(d => destinationEntity(d, defaults)),
    ];
    return new Map(
      entities.map(entity => [
        stringifyEntityRef(entity),
        {
          deferred: { entity, locationKey: PROVIDER_NAME },
          json: JSON.stringify(entity),
        },
      ]),
    );
  }
}
