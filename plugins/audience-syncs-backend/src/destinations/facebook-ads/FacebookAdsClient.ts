import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DestinationCapabilities,
  DestinationObject,
} from '@internal/plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationError,
  PrepareResult,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';
import { createHmac } from 'node:crypto';
import {
  GraphError,
  readRejections,
  toDestinationError,
  UsersResponse,
} from './facebookResponses';
import {
  FACEBOOK_IDENTIFIER_FIELDS,
  prepareFacebookRow,
} from './prepareFacebookRow';
import {
  FacebookAdsSettings,
  readFacebookAdsSettings,
} from './readFacebookAdsSettings';
import { toNetworkError } from '../http/toNetworkError';
import { fetchJson, JsonAnswer } from '../http/fetchJson';

/** "Only a maximum of 10000 at a time" per users request. */
const MAX_USERS_PER_REQUEST = 10_000;
const PAGE_SIZE = 500;
/** 100 pages of 500: far beyond any real account, and a guard against a paging loop. */
const MAX_PAGES = 100;

/** One Facebook Ads ad account: its Custom Audiences, filled through the Marketing API. */
export class FacebookAdsClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities = {
    supportsAudienceSyncs: true,
    objectLabel: 'Custom Audience',
    identifierFields: FACEBOOK_IDENTIFIER_FIELDS,
    additionalFields: 'none',
    canCreateObjects: true,
    batchSize: MAX_USERS_PER_REQUEST,
    // The custom_audience business-use-case floor of a standard-tier ad account.
    rateLimit: { requests: 190_000, perSeconds: 3600 },
    // The /users requests carry no upload session (batch sequence), so they may overlap.
    concurrentBatches: 4,
  };
  readonly #settings: FacebookAdsSettings;
  readonly #logger: LoggerService;

  static fromSettings(settings: Config, logger: LoggerService) {
    return new FacebookAdsClient(readFacebookAdsSettings(settings), logger);
  }

  private constructor(settings: FacebookAdsSettings, logger: LoggerService) {
    this.#settings = settings;
    this.#logger = logger;
  }

  async listObjects(): Promise<DestinationObject[]> {
    const objects: DestinationObject[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = (await this.#send('GET', this.#accountPath(), {
        query: {
          fields: 'id,name',
          limit: String(PAGE_SIZE),
          ...(after ? { after } : {}),
        },
      })) as {
        data?: Array<{ id: string; name?: string }>;
        paging?: { next?: string; cursors?: { after?: string } };
      };
      for (const audience of body.data ?? []) {
        objects.push({
          id: String(audience.id),
          name: audience.name ?? String(audience.id),
        });
      }
      after = body.paging?.next ? body.paging.cursors?.after : undefined;
      if (!after) return objects;
    }
    this.#logger.warn(
      `Listed only the first ${objects.length} custom audiences of act_${
        this.#settings.adAccountId
      }`,
    );
    return objects;
  }

  async createObject(name: string): Promise<DestinationObject> {
    const body = (await this.#send('POST', this.#accountPath(), {
      body: {
        name,
        subtype: 'CUSTOM',
        description: 'Kept in sync by Backstage Audience Syncs',
        customer_file_source: this.#settings.customerFileSource,
      },
    })) as { id?: string | number };
    if (body.id === undefined) {
      throw new DestinationError({
        message: 'Facebook created the audience but did not say its id',
        code: 'unexpected_response',
        retryable: false,
      });
    }
    return { id: String(body.id), name };
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareFacebookRow(member, target, this.#settings);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    // Audiences hold match keys only (additionalFields 'none'): an update has nothing to change.
    if (request.operation === 'update' || request.rows.length === 0) {
      return { rejected: [] };
    }
    const body = (await this.#send(
      request.operation === 'add' ? 'POST' : 'DELETE',
      `/${encodeURIComponent(request.target.object.id)}/users`,
      {
        body: {
          payload: {
            schema: [request.target.identifier.field],
            data: request.rows.map(row => [row.identifier]),
          },
        },
        signal: request.signal,
      },
    )) as UsersResponse;
    const { rejected, unexplained } = readRejections(body, request.rows);
    if (unexplained > 0) {
      this.#logger.warn(
        `Facebook counted ${unexplained} invalid entries in a batch for audience ${request.target.object.id} without naming them`,
      );
    }
    return { rejected };
  }

  #accountPath(): string {
    return `/act_${this.#settings.adAccountId}/customaudiences`;
  }

  /** One Graph request with the token in a Bearer header (never in a URL that could be logged). */
  async #send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    } = {},
  ): Promise<unknown> {
    const { accessToken, appSecret, timeoutMs, adAccountId } = this.#settings;
    const url = new URL(`${this.#settings.apiRoot}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    if (appSecret) {
      const time = String(Math.floor(Date.now() / 1000));
      url.searchParams.set('appsecret_time', time);
      url.searchParams.set(
        'appsecret_proof',
        createHmac('sha256', appSecret)
          .update(`${accessToken}|${time}`)
          .digest('hex'),
      );
    }
    let answer: JsonAnswer;
    try {
      answer = await fetchJson(url, {
        method,
        headers: { authorization: `Bearer ${accessToken}` },
        body: options.body,
        timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      throw toNetworkError(error, options.signal, {
        service: 'Facebook',
        secrets: [accessToken],
      });
    }
    const parsed = answer.body as { error?: GraphError } | undefined;
    if (
      answer.status >= 200 &&
      answer.status < 300 &&
      parsed &&
      !parsed.error
    ) {
      return parsed;
    }
    throw toDestinationError(answer.status, answer.headers, parsed?.error, {
      adAccountId,
      accessToken,
    });
  }
}
