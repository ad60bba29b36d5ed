import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { deserializeError, ResponseError } from '@backstage/errors';
import {
  Audience,
  AUDIENCE_SYNCS_PLUGIN_ID,
  CreateSyncRequest,
  Destination,
  Page,
  SyncDryRunResponse,
  SyncMutationResponse,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import type {
  AudienceSyncsCallOptions,
  AudienceSyncsService,
} from './AudienceSyncsService';

const PAGE_SIZE = 500;

/** `AudienceSyncsService` over the plugin's REST API, with on-behalf-of tokens. */
export class DefaultAudienceSyncsService implements AudienceSyncsService {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  static create(options: { discovery: DiscoveryService; auth: AuthService }) {
    return new DefaultAudienceSyncsService(options);
  }

  private constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  async listAudiences(options: AudienceSyncsCallOptions): Promise<Audience[]> {
    return this.#readAll<Audience>('/audiences', options);
  }

  async listDestinations(
    options: AudienceSyncsCallOptions,
  ): Promise<Destination[]> {
    const { items } = await this.#call<{ items: Destination[] }>(
      'GET',
      '/destinations',
      options,
    );
    return items;
  }

  async createSync(
    request: CreateSyncRequest,
    options: AudienceSyncsCallOptions,
  ): Promise<SyncMutationResponse> {
    return this.#call('POST', '/syncs', options, request);
  }

  async dryRunCreateSync(
    request: CreateSyncRequest,
    options: AudienceSyncsCallOptions,
  ): Promise<SyncDryRunResponse> {
    return this.#call('POST', '/syncs?dryRun=true', options, request);
  }

  async #readAll<T>(
    path: string,
    options: AudienceSyncsCallOptions,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.#call<Page<T>>(
        'GET',
        `${path}?limit=${PAGE_SIZE}&offset=${offset}`,
        options,
      );
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.totalCount) {
        return items;
      }
    }
  }

  async #call<T>(
    method: string,
    path: string,
    { credentials }: AudienceSyncsCallOptions,
    body?: unknown,
  ): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      this.#discovery.getBaseUrl(AUDIENCE_SYNCS_PLUGIN_ID),
      this.#auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: AUDIENCE_SYNCS_PLUGIN_ID,
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // The server's own error (name and message naming the field) is what callers should show.
      throw error.body?.error ? deserializeError(error.body.error) : error;
    }
    return (await response.json()) as T;
  }
}
