import {
  AudienceSource,
  AudienceSyncsAudienceSourcesExtensionPoint,
  AudienceSyncsDestinationsExtensionPoint,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';

/** Collects the connectors that modules add, refusing two for one destination type. */
export class DestinationConnectorsExtension
  implements AudienceSyncsDestinationsExtensionPoint
{
  readonly #connectors = new Map<string, DestinationConnector>();

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
