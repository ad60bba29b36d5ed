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
  DestinationConfig,
  DestinationConnector,
  DestinationError,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';
import { createHmac } from 'node:crypto';

const IDENTIFIER_LABELS = {
  email: 'Email',
  phone: 'Phone Number',
  user_id: 'External ID',
  device_id: 'Mobile Advertising ID',
} as const;

/**
 * Webhook destinations: JSON batches of adds, removes and updates POSTed to a URL, signed with
 * HMAC-SHA256 over `<timestamp>.<body>` (headers `x-audience-syncs-timestamp` and
 * `x-audience-syncs-signature: sha256=<hex>`), so the receiver can check origin and freshness.
 */
export class WebhookConnector implements DestinationConnector {
  readonly type = 'webhook';
  readonly label = 'Webhook';

  async connect(destination: DestinationConfig): Promise<DestinationClient> {
    return WebhookClient.fromSettings(destination.id, destination.settings);
  }
}

class WebhookClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities;
  readonly #destinationId: string;
  readonly #url: string;
  readonly #secret: string;
  readonly #timeoutMs: number;
  readonly #objects: DestinationObject[];

  static fromSettings(destinationId: string, settings: Config) {
    const url = settings.getString('url');
    if (!/^https?:\/\//.test(url)) {
      throw new Error(`url: '${url}' is not an http(s) URL`);
    }
    const batchSize = settings.getOptionalNumber('batchSize') ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000) {
      throw new Error(`batchSize: must be a whole number from 1 to 10000`);
    }
    const objects = (settings.getOptionalConfigArray('objects') ?? []).map(
      o => ({ id: o.getString('id'), name: o.getString('name') }),
    );
    return new WebhookClient({
      destinationId,
      url,
      secret: settings.getString('signingSecret'),
      timeoutMs: settings.getOptionalNumber('timeoutMs') ?? 30_000,
      batchSize,
      objects:
        objects.length > 0 ? objects : [{ id: 'default', name: 'Default' }],
    });
  }

  private constructor(options: {
    destinationId: string;
    url: string;
    secret: string;
    timeoutMs: number;
    batchSize: number;
    objects: DestinationObject[];
  }) {
    this.#destinationId = options.destinationId;
    this.#url = options.url;
    this.#secret = options.secret;
    this.#timeoutMs = options.timeoutMs;
    this.#objects = options.objects;
    this.capabilities = {
      supportsAudienceSyncs: true,
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
        fields: Object.fromEntries(
          target.fieldMappings.map(m => [
            m.destinationField,
            member.fields[m.source.name] ?? null,
          ]),
        ),
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
    const signals = [AbortSignal.timeout(this.#timeoutMs)];
    if (request.signal) signals.push(request.signal);

    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-audience-syncs-timestamp': timestamp,
          'x-audience-syncs-signature': `sha256=${signature}`,
        },
        body,
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
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

async function readRejections(response: Response): Promise<RowRejection[]> {
  const text = await response.text();
  if (!text) return [];
  let parsed: { rejected?: Array<Partial<RowRejection>> };
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  return (parsed.rejected ?? [])
    .filter(r => typeof r.memberKey === 'string')
    .map(r => ({
      memberKey: r.memberKey!,
      code: r.code ?? 'rejected',
      message: r.message ?? 'Rejected by the webhook',
      retryable: r.retryable ?? false,
    }));
}

async function toDestinationError(
  response: Response,
): Promise<DestinationError> {
  const detail = (await response.text()).slice(0, 500);
  const status = response.status;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 429) {
    return new DestinationError({
      message: `The webhook is throttling requests (429)`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: retryAfter,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `The webhook failed with ${status}: ${detail}`,
      code: `http_${status}`,
      retryable: true,
      retryAfterMs: retryAfter,
    });
  }
  if (status === 401 || status === 403) {
    return new DestinationError({
      message: `The webhook refused our credentials (${status}); check the destination's signingSecret`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  return new DestinationError({
    message: `The webhook rejected the batch with ${status}: ${detail}`,
    code: `http_${status}`,
    retryable: false,
  });
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
