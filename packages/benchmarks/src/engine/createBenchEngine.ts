import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import {
  builtInConnectors,
  createStores,
  createSyncEngine,
  DestinationRegistry,
} from '../backend';
import { quietLogger } from './quietLogger';

/** One configured destination of the engine under test. */
export interface BenchDestination {
  id: string;
  type: string;
  settings: JsonObject;
}

/**
 * The sync engine as the plugin assembles it (stores, registry, planner, executor, dispatcher with the
 * engine's default limits, removal guard included) over `knex`, with one destination. `connectors` replaces the
 * built-in ones, for a connector wrapped by the benchmark.
 */
export async function createBenchEngine(options: {
  knex: Knex;
  destination: BenchDestination;
  connectors?: DestinationConnector[];
  /** Whether runs record the member history; default: they do, as the plugin does by default. */
  memberHistory?: boolean;
}) {
  const { knex, destination } = options;
  const logger = quietLogger();
  const destinations = await DestinationRegistry.fromConfig(
    new ConfigReader({
      audienceSyncs: {
        destinations: [
          {
            id: destination.id,
            type: destination.type,
            name: `Benchmark ${destination.type}`,
            owner: 'group:default/bench',
            settings: destination.settings,
          },
        ],
      },
    }),
    { connectors: options.connectors ?? builtInConnectors(), logger },
  );
  const stores = createStores(knex);
  const { dispatcher } = createSyncEngine({
    stores,
    destinations,
    logger,
    instanceId: 'bench',
    memberHistory: { enabled: options.memberHistory ?? true },
  });
  return { stores, dispatcher, destinations };
}

export type BenchEngine = Awaited<ReturnType<typeof createBenchEngine>>;
