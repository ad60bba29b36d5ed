import { Config } from '@backstage/config';
import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationSettingsReader,
  isHttpUrl,
  readWholeNumber,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** Shorter HMAC keys can be guessed offline from one captured request. */
export const MIN_SIGNING_SECRET_BYTES = 32;

export interface WebhookSettings {
  url: string;
  /** False for an endpoint that only takes events: it is listed, but not offered for audience syncs. */
  acceptsAudiences: boolean;
  signingSecret: string;
  /** Names the secret in each request, so a receiver can accept the old and the new one while rotating. */
  signingKeyId: string;
  batchSize: number;
  concurrentBatches: number;
  objects: DestinationObject[];
}

/** The settings of a webhook destination; the signing secret among them. */
export const webhookSettings: DestinationSettingsReader<WebhookSettings> = {
  secretKeys: ['signingSecret'],
  read: readWebhookSettings,
};

/**
 * The settings of a webhook destination. Each error names its setting and never repeats a secret.
 * - `url` (required): where batches are POSTed; `https:` unless the host is loopback or
 *   `allowInsecureHttp` is true;
 * - `signingSecret` (required, at least 32 bytes): the HMAC-SHA256 key of the signature header;
 * - `signingKeyId` (default `default`): the secret's name in the key id header;
 * - `batchSize` (1–10,000, default 500), `concurrentBatches` (1–16, default 4), `timeoutMs` (default 30,000);
 * - `objects` (default one list `default`): the lists a sync can target, `[{ id, name }]`;
 * - `acceptsAudiences` (default true).
 */
function readWebhookSettings(settings: Config): WebhookSettings {
  const url = readUrl(settings);
  const signingSecret = settings.getString('signingSecret');
  if (Buffer.byteLength(signingSecret) < MIN_SIGNING_SECRET_BYTES) {
    throw new Error(
      `signingSecret: must be at least ${MIN_SIGNING_SECRET_BYTES} bytes (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  const signingKeyId = settings.getOptionalString('signingKeyId') ?? 'default';
  if (!/^[\w-]{1,64}$/.test(signingKeyId)) {
    throw new Error(
      'signingKeyId: must be 1–64 letters, digits, `_` or `-` (it is sent as a header)',
    );
  }
  const objects = (settings.getOptionalConfigArray('objects') ?? []).map(o => ({
    id: o.getString('id'),
    name: o.getString('name'),
  }));
  return {
    url,
    acceptsAudiences: settings.getOptionalBoolean('acceptsAudiences') ?? true,
    signingSecret,
    signingKeyId,
    batchSize: readWholeNumber(settings, 'batchSize', {
      min: 1,
      max: 10_000,
      fallback: 500,
    }),
    concurrentBatches: readWholeNumber(settings, 'concurrentBatches', {
      min: 1,
      max: 16,
      fallback: 4,
    }),
    objects:
      objects.length > 0 ? objects : [{ id: 'default', name: 'Default' }],
  };
}

/** Plain http would show the batches' personal data to anyone on the path; loopback never leaves the host. */
function readUrl(settings: Config): string {
  const url = settings.getString('url');
  if (!isHttpUrl(url)) {
    throw new Error(`url: '${url}' is not an http(s) URL`);
  }
  const { protocol, hostname } = new URL(url);
  if (
    protocol === 'http:' &&
    !isLoopback(hostname) &&
    settings.getOptionalBoolean('allowInsecureHttp') !== true
  ) {
    throw new Error(
      `url: '${url}' must be https (plain http is allowed only to a loopback host, or where the destination sets allowInsecureHttp: true)`,
    );
  }
  return url;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
