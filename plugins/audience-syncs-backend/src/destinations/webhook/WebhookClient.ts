import { Config } from '@backstage/config';
import {
  DestinationCapabilities,
  DestinationObject,
  ENTITY_KEYS,
} from '@internal/plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationError,
  mapFields,
  PrepareResult,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';
import { createHmac } from 'node:crypto';
import { readRejections, toDestinationError } from './webhookResponses';
import { readTimeoutMs } from '../settings/readTimeoutMs';
import { readWholeNumber } from '../settings/readWholeNumber';
import { isHttpUrl } from '../settings/isHttpUrl';
import { fetchWithTimeout } from '../http/fetchWithTimeout';

const IDENTIFIER_LABELS = {
  email: 'Email',
  phone: 'Phone Number',
  user_id: 'External ID',
  device_id: 'Mobile Advertising ID',
} as const;

/** One configured webhook destination. */
export class WebhookClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities;
  readonly #destinationId: string;
  readonly #url: string;
  readonly #secret: string;
  readonly #timeoutMs: number;
  readonly #objects: DestinationObject[];

  static fromSettings(destinationId: string, settings: Config) {
    const url = settings.getString('url');
    if (!isHttpUrl(url)) {
      throw new Error(`url: '${url}' is not an http(s) URL`);
    }
    const batchSize = readWholeNumber(settings, 'batchSize', {
      min: 1,
      max: 10_000,
      fallback: 500,
    });
    const concurrentBatches = readWholeNumber(settings, 'concurrentBatches', {
      min: 1,
      max: 16,
      fallback: 4,
    });
    const objects = (settings.getOptionalConfigArray('objects') ?? []).map(
      o => ({ id: o.getString('id'), name: o.getString('name') }),
    );
    return new WebhookClient({
      destinationId,
      url,
      // An endpoint that only takes events (no lists) is listed, but not offered for audience syncs.
      acceptsAudiences: settings.getOptionalBoolean('acceptsAudiences') ?? true,
      secret: settings.getString('signingSecret'),
      timeoutMs: readTimeoutMs(settings),
      batchSize,
      concurrentBatches,
      objects:
        objects.length > 0 ? objects : [{ id: 'default', name: 'Default' }],
    });
  }

  private constructor(options: {
    destinationId: string;
    url: string;
    acceptsAudiences: boolean;
    secret: string;
    timeoutMs: number;
    batchSize: number;
    concurrentBatches: number;
    objects: DestinationObject[];
  }) {
    this.#destinationId = options.destinationId;
    this.#url = options.url;
    this.#secret = options.secret;
    this.#timeoutMs = options.timeoutMs;
    this.#objects = options.objects;
    this.capabilities = {
      supportsAudienceSyncs: options.acceptsAudiences,
      objectLabel: 'List',
      identifierFields: ENTITY_KEYS.map(key => ({
        field: key,
        label: IDENTIFIER_LABELS[key],
        entityKeys: [key],
        hashed: false,
      })),
      additionalFields: 'any',
      canCreateObjects: false,
      batchSize: options.batchSize,
      concurrentBatches: options.concurrentBatches,
    };
  }

  async listObjects(): Promise<DestinationObject[]> {
    return this.#objects;
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    const value = member.keys[target.identifier.entityKey]?.trim();
    if (!value) {
      return {
        ok: false,
        code: 'missing_identifier',
        reason: `The member has no ${target.identifier.entityKey}`,
      };
    }
    return {
      ok: true,
      row: {
        memberKey: member.memberKey,
        identifier: value,
        fields: mapFields(member, target.fieldMappings),
      },
    };
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    const body = JSON.stringify({
      destinationId: this.#destinationId,
      object: request.target.object,
      operation: request.operation,
      rows: request.rows.map(row => ({
        memberKey: row.memberKey,
        identifier: {
          field: request.target.identifier.field,
          value: row.identifier,
        },
        ...(request.operation === 'remove' ? {} : { fields: row.fields }),
      })),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.#secret)
      .update(`${timestamp}.${body}`)
      .digest('hex');
    let response: Response;
    try {
      response = await fetchWithTimeout(
        this.#url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-audience-syncs-timestamp': timestamp,
            'x-audience-syncs-signature': `sha256=${signature}`,
          },
          body,
        },
        { timeoutMs: this.#timeoutMs, signal: request.signal },
      );
    } catch (error) {
      if (request.signal?.aborted) {
        throw new DestinationError({
          message: 'The batch was cancelled',
          code: 'aborted',
          retryable: false,
          cause: error,
        });
      }
      throw new DestinationError({
        message: `The webhook could not be reached: ${
          (error as Error).message
        }`,
        code: 'network_error',
        retryable: true,
        cause: error,
      });
    }
    if (response.ok) return { rejected: await readRejections(response) };
    throw await toDestinationError(response);
  }
}
