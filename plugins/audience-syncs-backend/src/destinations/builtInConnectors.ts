import { DestinationConnector } from '@internal/plugin-audience-syncs-node';
import { BrazeConnector } from './braze/BrazeConnector';
import { FacebookAdsConnector } from './facebook-ads/FacebookAdsConnector';
import { GoogleAdsConnector } from './google-ads/GoogleAdsConnector';
import { HubSpotConnector } from './hubspot/HubSpotConnector';
import { MailchimpConnector } from './mailchimp/MailchimpConnector';
import { SalesforceConnector } from './salesforce/SalesforceConnector';
import { WarehouseTableConnector } from './warehouse-table/WarehouseTableConnector';
import { WebhookConnector } from './webhook/WebhookConnector';

/** The destination types the plugin ships with; modules add more through the extension point. */
export function builtInConnectors(): DestinationConnector[] {
  return [
    new WebhookConnector(),
    new FacebookAdsConnector(),
    new GoogleAdsConnector(),
    new SalesforceConnector(),
    new HubSpotConnector(),
    new BrazeConnector(),
    new MailchimpConnector(),
    new WarehouseTableConnector(),
  ];
}
