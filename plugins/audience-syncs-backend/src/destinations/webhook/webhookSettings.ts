import { Config } from '@backstage/config';
import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationSettingsReader,
  isHttpUrl,
  readWholeNumber,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

export interface WebhookSettings {
  url: string;
  /** False for an endpoint that only takes events: it is listed, but not offered for audience syncs. */
  acceptsAudiences: boolean;
  signingSecret: string;
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
 * - `url` (required): where batches are POSTed;
 * - `signingSecret` (required): the HMAC-SHA256 key of the signature header;
 * - `batchSize` (1–10,000, default 500), `concurrentBatches` (1–16, default 4), `timeoutMs` (default 30,000);
 * - `objects` (default one list `default`): the lists a sync can target, `[{ id, name }]`;
 * - `acceptsAudiences` (default true).
 */
function readWebhookSettings(settings: Config): WebhookSettings {
  const url = settings.getString('url');
  if (!isHttpUrl(url)) {
    throw new Error(`url: '${url}' is not an http(s) URL`);
  }
  const objects = (settings.getOptionalConfigArray('objects') ?? []).map(o => ({
    id: o.getString('id'),
    name: o.getString('name'),
  }));
  return {
    url,
    acceptsAudiences: settings.getOptionalBoolean('acceptsAudiences') ?? true,
    signingSecret: settings.getString('signingSecret'),
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
