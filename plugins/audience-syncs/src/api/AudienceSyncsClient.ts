import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AUDIENCE_SYNCS_PLUGIN_ID,
  HealthResponse,
} from '@internal/plugin-audience-syncs-common';
import { AudienceSyncsApi } from './AudienceSyncsApi';

/** Calls the backend through `fetchApi`, so the user's Backstage token goes with every request. */
export class AudienceSyncsClient implements AudienceSyncsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<HealthResponse> {
    return this.#get('/health');
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(
      AUDIENCE_SYNCS_PLUGIN_ID,
    );
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
