import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { WebhookClient } from './WebhookClient';
import { webhookSettings } from './webhookSettings';

/**
 * Webhook destinations: JSON batches of adds, removes and updates POSTed to an https URL, signed with
 * HMAC-SHA256 over `<delivery id>.<timestamp>.<body>` (headers `x-audience-syncs-delivery-id`,
 * `x-audience-syncs-timestamp`, `x-audience-syncs-key-id` and `x-audience-syncs-signature: sha256=<hex>`),
 * so the receiver can check origin and freshness, and apply each delivery once.
 */
export const webhookConnector = createDestinationConnector({
  type: 'webhook',
  label: 'Webhook',
  settings: webhookSettings,
  create: context => WebhookClient.create(context),
});
