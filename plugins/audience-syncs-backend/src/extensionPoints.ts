import {
  AudienceSource,
  AudienceSyncsAudienceSourcesExtensionPoint,
  AudienceSyncsDestinationsExtensionPoint,
  DestinationConnector,
  DestinationDefinition,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/**
 * Collects the connectors that modules add, refusing two for one destination type, and the destinations
 * they define (checked with the configured ones by the DestinationRegistry).
 */
export class DestinationsExtension
  implements AudienceSyncsDestinationsExtensionPoint
{
  readonly #connectors = new Map<string, DestinationConnector>();
  readonly #destinations: DestinationDefinition[] = [];

  addDestinationConnector(
    ...connectors: Array<DestinationConnector | DestinationConnector[]>
  ): void {
    for (const connector of connectors.flat()) {
      if (this.#connectors.has(connector.type)) {
        throw new Error(
          `A destination connector for type '${connector.type}' is already installed`,
        );
      }
      this.#connectors.set(connector.type, connector);
    }
  }

  get connectors(): DestinationConnector[] {
    return [...this.#connectors.values()];
  }

  addDestination(
    ...destinations: Array<DestinationDefinition | DestinationDefinition[]>
  ): void {
    this.#destinations.push(...destinations.flat());
  }

  get destinations(): DestinationDefinition[] {
    return [...this.#destinations];
  }
}

/** Collects the audience sources that modules add. */
export class AudienceSourcesExtension
  implements AudienceSyncsAudienceSourcesExtensionPoint
{
  readonly #sources: AudienceSource[] = [];

  addAudienceSource(
    ...sources: Array<AudienceSource | AudienceSource[]>
  ): void {
    this.#sources.push(...sources.flat());
  }

  get sources(): AudienceSource[] {
    return [...this.#sources];
  }
}
