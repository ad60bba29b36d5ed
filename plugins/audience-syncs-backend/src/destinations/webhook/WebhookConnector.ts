import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { WebhookClient } from './WebhookClient';

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
