import { DestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { brazeConnector } from './braze/brazeConnector';
import { facebookAdsConnector } from './facebook-ads/facebookAdsConnector';
import { googleAdsConnector } from './google-ads/googleAdsConnector';
import { hubSpotConnector } from './hubspot/hubSpotConnector';
import { mailchimpConnector } from './mailchimp/mailchimpConnector';
import { salesforceConnector } from './salesforce/salesforceConnector';
import { warehouseTableConnector } from './warehouse-table/warehouseTableConnector';
import { webhookConnector } from './webhook/webhookConnector';

/** The destination types the plugin ships with; modules add more through the extension point. */
export function builtInConnectors(): DestinationConnector[] {
  return [
    webhookConnector,
    facebookAdsConnector,
    googleAdsConnector,
    salesforceConnector,
    hubSpotConnector,
    brazeConnector,
    mailchimpConnector,
    warehouseTableConnector,
  ];
}
