import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { HubSpotClient } from './HubSpotClient';

/**
 * HubSpot destinations: the MANUAL (and SNAPSHOT) contact lists of one portal, filled with contacts upserted
 * by email, through the CRM Lists and Contacts APIs.
 */
export class HubSpotConnector implements DestinationConnector {
  readonly type = 'hubspot';
  readonly label = 'HubSpot';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return HubSpotClient.fromSettings(destination.settings, context.logger);
  }
}
