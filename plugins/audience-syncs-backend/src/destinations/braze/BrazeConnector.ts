import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { BrazeClient } from './BrazeClient';

/**
 * Braze destinations: membership written as values of an array custom attribute (`audiences` by default)
 * through `/users/track`, matched on external id or email, with mapped fields as user attributes. Braze
 * segments filter on the values.
 */
export class BrazeConnector implements DestinationConnector {
  readonly type = 'braze';
  readonly label = 'Braze';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return BrazeClient.fromSettings(destination.settings, context.logger);
  }
}
