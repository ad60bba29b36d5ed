import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { FacebookAdsClient } from './FacebookAdsClient';

/**
 * Facebook Ads destinations: Custom Audiences of one ad account, filled with SHA-256 hashed emails and
 * phones or raw mobile advertiser and external ids through the Marketing API.
 */
export class FacebookAdsConnector implements DestinationConnector {
  readonly type = 'facebook-ads';
  readonly label = 'Facebook Ads';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return FacebookAdsClient.fromSettings(destination.settings, context.logger);
  }
}
