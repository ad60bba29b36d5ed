import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  NextRunPlan,
  Audience,
  AUDIENCE_SYNCS_PLUGIN_ID,
  AudienceSync,
  CreateSyncRequest,
  Destination,
  DestinationFieldSchema,
  DestinationObject,
  HealthResponse,
  MemberTimeline,
  Page,
  SyncDryRunResponse,
  SyncEditDryRunResponse,
  SyncMutationResponse,
  SyncRun,
  SyncActivity,
  SyncRunDetail,
  UpdateSyncRequest,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceSyncsApi,
  ListAudiencesRequest,
  ListSyncsRequest,
  PageRequest,
} from './AudienceSyncsApi';

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
}

const segment = encodeURIComponent;

/**
 * Calls the backend through `fetchApi`, so the user's Backstage token goes with every request.
 *
 * @public
 */
export class AudienceSyncsClient implements AudienceSyncsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getHealth(): Promise<HealthResponse> {
    return this.#request('/health');
  }

  listAudiences(request: ListAudiencesRequest = {}): Promise<Page<Audience>> {
    return this.#request('/audiences', { query: { ...request } });
  }

  getAudience(audienceId: string): Promise<Audience> {
    return this.#request(`/audiences/${segment(audienceId)}`);
  }

  async listDestinations(): Promise<Destination[]> {
    const { items } = await this.#request<{ items: Destination[] }>(
      '/destinations',
    );
    return items;
  }

  getDestination(destinationId: string): Promise<Destination> {
    return this.#request(`/destinations/${segment(destinationId)}`);
  }

  async listDestinationObjects(
    destinationId: string,
  ): Promise<DestinationObject[]> {
    const { items } = await this.#request<{ items: DestinationObject[] }>(
      `/destinations/${segment(destinationId)}/objects`,
    );
    return items;
  }

  describeDestinationFields(
    destinationId: string,
    object: { id: string } | { create: { name: string } },
  ): Promise<DestinationFieldSchema> {
    return this.#request(`/destinations/${segment(destinationId)}/fields`, {
      query:
        'create' in object
          ? { objectName: object.create.name }
          : { objectId: object.id },
    });
  }

  createDestinationObject(
    destinationId: string,
    name: string,
  ): Promise<DestinationObject> {
    return this.#request(`/destinations/${segment(destinationId)}/objects`, {
      method: 'POST',
      body: { name },
    });
  }

  listSyncs(request: ListSyncsRequest = {}): Promise<Page<AudienceSync>> {
    return this.#request('/syncs', { query: { ...request } });
  }

  getSync(syncId: string): Promise<AudienceSync> {
    return this.#request(`/syncs/${segment(syncId)}`);
  }

  createSync(request: CreateSyncRequest): Promise<SyncMutationResponse> {
    return this.#request('/syncs', { method: 'POST', body: request });
  }

  dryRunCreateSync(request: CreateSyncRequest): Promise<SyncDryRunResponse> {
    return this.#request('/syncs', {
      method: 'POST',
      query: { dryRun: 'true' },
      body: request,
    });
  }

  dryRunUpdateSync(
    syncId: string,
    request: UpdateSyncRequest,
  ): Promise<SyncEditDryRunResponse> {
    return this.#request(`/syncs/${segment(syncId)}`, {
      method: 'PATCH',
      query: { dryRun: 'true' },
      body: request,
    });
  }

  updateSync(
    syncId: string,
    request: UpdateSyncRequest,
  ): Promise<SyncMutationResponse> {
    return this.#request(`/syncs/${segment(syncId)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  pauseSync(syncId: string): Promise<AudienceSync> {
    return this.#request(`/syncs/${segment(syncId)}/pause`, {
      method: 'POST',
    });
  }

  resumeSync(syncId: string): Promise<AudienceSync> {
    return this.#request(`/syncs/${segment(syncId)}/resume`, {
      method: 'POST',
    });
  }

  repairSync(syncId: string): Promise<SyncRun> {
    return this.#request(`/syncs/${segment(syncId)}/repair`, {
      method: 'POST',
    });
  }

  previewResync(syncId: string): Promise<NextRunPlan> {
    return this.#request(`/syncs/${segment(syncId)}/resync`, {
      method: 'POST',
      query: { dryRun: 'true' },
    });
  }

  resyncSync(syncId: string): Promise<SyncRun> {
    return this.#request(`/syncs/${segment(syncId)}/resync`, {
      method: 'POST',
    });
  }

  verifySync(syncId: string): Promise<SyncRun> {
    return this.#request(`/syncs/${segment(syncId)}/verify`, {
      method: 'POST',
    });
  }

  runSyncNow(syncId: string): Promise<SyncRun> {
    return this.#request(`/syncs/${segment(syncId)}/run`, { method: 'POST' });
  }

  approveRun(syncId: string, runId: number): Promise<SyncRun> {
    return this.#request(`/syncs/${segment(syncId)}/runs/${runId}/approve`, {
      method: 'POST',
    });
  }

  deleteSync(syncId: string): Promise<void> {
    return this.#request(`/syncs/${segment(syncId)}`, { method: 'DELETE' });
  }

  listRuns(syncId: string, request: PageRequest = {}): Promise<Page<SyncRun>> {
    return this.#request(`/syncs/${segment(syncId)}/runs`, {
      query: { ...request },
    });
  }

  listActivity(
    syncId: string,
    request: PageRequest = {},
  ): Promise<Page<SyncActivity>> {
    return this.#request(`/syncs/${segment(syncId)}/activity`, {
      query: { ...request },
    });
  }

  getRun(syncId: string, runId: number): Promise<SyncRunDetail> {
    return this.#request(`/syncs/${segment(syncId)}/runs/${runId}`);
  }

  getMemberTimeline(
    audienceId: string,
    query: string,
  ): Promise<MemberTimeline> {
    return this.#request(`/audiences/${segment(audienceId)}/members/timeline`, {
      query: { q: query },
    });
  }

  async #request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(
      AUDIENCE_SYNCS_PLUGIN_ID,
    );
    const response = await this.#fetchApi.fetch(
      `${baseUrl}${path}${toQueryString(options.query)}`,
      {
        method: options.method ?? 'GET',
        ...(options.body !== undefined
          ? {
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(options.body),
            }
          : {}),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

/** `?a=1&b=x` from the defined, non-empty values; empty when there are none. */
function toQueryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
