import { DestinationConnector } from '@internal/plugin-audience-syncs-node';
import { FacebookAdsConnector } from './facebook-ads/FacebookAdsConnector';
import { GoogleAdsConnector } from './google-ads/GoogleAdsConnector';
import { WebhookConnector } from './webhook/WebhookConnector';

/** The destination types the plugin ships with; modules add more through the extension point. */
export function builtInConnectors(): DestinationConnector[] {
  return [
    new WebhookConnector(),
    new FacebookAdsConnector(),
    new GoogleAdsConnector(),
  ];
}
