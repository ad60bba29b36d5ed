import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { WebhookClient } from './WebhookClient';
import { webhookSettings } from './webhookSettings';

/**
 * Webhook destinations: JSON batches of adds, removes and updates POSTed to a URL, signed with
 * HMAC-SHA256 over `<timestamp>.<body>` (headers `x-audience-syncs-timestamp` and
 * `x-audience-syncs-signature: sha256=<hex>`), so the receiver can check origin and freshness.
 */
export const webhookConnector = createDestinationConnector({
  type: 'webhook',
  label: 'Webhook',
  settings: webhookSettings,
  create: context => WebhookClient.create(context),
});
