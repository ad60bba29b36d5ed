import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  Destination,
  KEBAB_CASE_ID,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
  DestinationDefinition,
  RequestSlots,
  scrubSecrets,
  secretSettingValues,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { RateBudgets } from '../engine/RateBudgets';
import { budgetedClient } from './budgetedClient';
import { scrubbingClient } from './scrubbingClient';
import { scrubbingLogger } from './scrubbingLogger';

export interface ConnectedDestination {
  destination: Destination;
  client: DestinationClient;
}

/**
 * The configured destinations and those modules add, each connected through the connector of its type.
 * Settings (and the secrets in them) stay inside the connector clients: `Destination` carries none. The
 * values of the settings a connector declares secret are scrubbed from its settings errors, its logs, and
 * the errors and row reasons of its client.
 */
export class DestinationRegistry {
  readonly #destinations: Map<string, ConnectedDestination>;

  static async fromConfig(
    config: Config,
    options: {
      connectors: DestinationConnector[];
      /** Destinations that modules define in code, after the configured ones. */
      destinations?: DestinationDefinition[];
      logger: LoggerService;
      /** The request budgets that listings and object creation wait on; the engine's, in the plugin. */
      budgets?: RateBudgets;
      /** Request slots of a destination shared by every replica, for vendors that limit connections. */
      requestSlots?: (
        destinationId: string,
        max: number,
        holdMs: number,
      ) => RequestSlots;
    },
  ): Promise<DestinationRegistry> {
    const budgets = options.budgets ?? RateBudgets.inProcess();
    const connectors = new Map(options.connectors.map(c => [c.type, c]));
    const destinations = new Map<string, ConnectedDestination>();
    const entries = config.getOptionalConfigArray('audienceSyncs.destinations');
    const definitions = [
      ...(entries ?? []).map((entry, index) => {
        const at = `audienceSyncs.destinations[${index}]`;
        return { at, destinationConfig: readDestinationConfig(entry, at) };
      }),
      ...(options.destinations ?? []).map(definition => {
        const at = `addDestination('${definition.id}')`;
        return { at, destinationConfig: readDefinition(definition, at) };
      }),
    ];
    for (const { at, destinationConfig } of definitions) {
      if (destinations.has(destinationConfig.id)) {
        throw new Error(`${at}.id: '${destinationConfig.id}' is used twice`);
      }
      const connector = connectors.get(destinationConfig.type);
      if (!connector) {
        throw new Error(
          `${at}.type: no connector for '${
            destinationConfig.type
          }' (installed: ${[...connectors.keys()].join(', ')})`,
        );
      }
      const secrets = secretSettingValues(
        destinationConfig.settings,
        connector.secretKeys ?? [],
      );
      const logger = options.logger.child({
        destination: destinationConfig.id,
      });
      const { requestSlots } = options;
      const client = await connector
        .connect(destinationConfig, {
          logger: secrets.length ? scrubbingLogger(logger, secrets) : logger,
          ...(requestSlots && {
            requestSlots: (max: number, holdMs: number) =>
              requestSlots(destinationConfig.id, max, holdMs),
          }),
        })
        .catch(error => {
          throw new Error(
            `${at}.settings: ${scrubSecrets(error.message, secrets)}`,
          );
        });
      destinations.set(destinationConfig.id, {
        destination: {
          id: destinationConfig.id,
          type: destinationConfig.type,
          typeLabel: connector.label,
          name: destinationConfig.name,
          description: destinationConfig.description,
          owner: destinationConfig.owner,
          capabilities: client.capabilities,
        },
        client: budgetedClient(
          secrets.length ? scrubbingClient(client, secrets) : client,
          budgets.for(destinationConfig.id, client.capabilities.rateLimit),
        ),
      });
    }
    return new DestinationRegistry(destinations);
  }

  private constructor(destinations: Map<string, ConnectedDestination>) {
    this.#destinations = destinations;
  }

  list(): Destination[] {
    return [...this.#destinations.values()].map(d => d.destination);
  }

  get(id: string): ConnectedDestination | undefined {
    return this.#destinations.get(id);
  }

  require(id: string): ConnectedDestination {
    const found = this.#destinations.get(id);
    if (!found) throw new NotFoundError(`No destination '${id}'`);
    return found;
  }
}

function readDestinationConfig(entry: Config, at: string): DestinationConfig {
  return {
    id: checkId(entry.getString('id'), at),
    type: entry.getString('type'),
    name: entry.getString('name'),
    description: entry.getOptionalString('description'),
    owner: entry.getString('owner'),
    settings: entry.getOptionalConfig('settings') ?? new ConfigReader({}),
  };
}

/** A module's destination, held to the rules of a configured one. */
function readDefinition(
  definition: DestinationDefinition,
  at: string,
): DestinationConfig {
  return {
    id: checkId(definition.id, at),
    type: definition.type,
    name: definition.name,
    description: definition.description,
    owner: definition.owner,
    settings: new ConfigReader(definition.settings ?? {}, at),
  };
}

function checkId(id: string, at: string): string {
  if (!KEBAB_CASE_ID.test(id)) {
    throw new Error(`${at}.id: '${id}' must be lowercase kebab-case`);
  }
  return id;
}
