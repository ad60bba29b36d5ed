import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationObject,
  ENTITY_KEYS,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationConnectContext,
  HttpTransport,
  httpStatusError,
  preparedRow,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createHmac, randomUUID } from 'node:crypto';
import { readRejections } from './readRejections';
import { WebhookSettings } from './webhookSettings';

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
  readonly #secret: string;
  readonly #keyId: string;
  /** Each batch's delivery id: a retry (the engine sends the same request again) keeps it, for dedupe. */
  readonly #deliveryIds = new WeakMap<BatchRequest, string>();
  readonly #objects: DestinationObject[];
  readonly #http: HttpTransport;

  static create({
    destination,
    settings,
    http,
  }: DestinationConnectContext<WebhookSettings>) {
    const transport = http({
      service: 'The webhook',
      baseUrl: settings.url,
      toError: answer =>
        httpStatusError(answer, {
          service: 'The webhook',
          credentials: 'signingSecret',
        }),
    });
    return new WebhookClient(destination.id, settings, transport);
  }

  private constructor(
    destinationId: string,
    settings: WebhookSettings,
    http: HttpTransport,
  ) {
    this.#destinationId = destinationId;
    this.#secret = settings.signingSecret;
    this.#keyId = settings.signingKeyId;
    this.#objects = settings.objects;
    this.#http = http;
    this.capabilities = {
      supportsAudienceSyncs: settings.acceptsAudiences,
      objectLabel: 'List',
      identifierFields: ENTITY_KEYS.map(key => ({
        field: key,
        label: IDENTIFIER_LABELS[key],
        entityKeys: [key],
        hashed: false,
      })),
      additionalFields: 'any',
      canCreateObjects: false,
      // A webhook only receives: the endpoint has no API to list what it holds.
      canReadMembers: false,
      batchSize: settings.batchSize,
      concurrentBatches: settings.concurrentBatches,
    };
  }

  async listObjects(): Promise<DestinationObject[]> {
    return this.#objects;
  }

  /** The receiver defines what it reads from `fields`: any name goes. */
  async describeFields(): Promise<DestinationFieldSchema> {
    return { acceptsAnyField: true };
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
    return preparedRow(member, target, value);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    const text = JSON.stringify({
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
    const deliveryId = this.#deliveryIdOf(request);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.#secret)
      .update(`${deliveryId}.${timestamp}.${text}`)
      .digest('hex');
    const answer = await this.#http.request('POST', '', {
      text,
      headers: {
        'x-audience-syncs-delivery-id': deliveryId,
        'x-audience-syncs-key-id': this.#keyId,
        'x-audience-syncs-timestamp': timestamp,
        'x-audience-syncs-signature': `sha256=${signature}`,
      },
      signal: request.signal,
    });
    if (answer.status >= 200 && answer.status < 300) {
      return { rejected: readRejections(answer.body) };
    }
    throw this.#http.error(answer);
  }

  #deliveryIdOf(request: BatchRequest): string {
    let id = this.#deliveryIds.get(request);
    if (!id) {
      id = randomUUID();
      this.#deliveryIds.set(request, id);
    }
    return id;
  }
}
