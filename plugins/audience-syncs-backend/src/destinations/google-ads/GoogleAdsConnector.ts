import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { GoogleAdsClient } from './GoogleAdsClient';

/**
 * Google Ads destinations: Customer Match lists of one Google Ads account, filled through the Data Manager
 * API (the Google Ads API takes no new Customer Match adopters since April 2026).
 */
export class GoogleAdsConnector implements DestinationConnector {
  readonly type = 'google-ads';
  readonly label = 'Google Ads';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return GoogleAdsClient.fromSettings(destination.settings, context.logger);
  }
}
