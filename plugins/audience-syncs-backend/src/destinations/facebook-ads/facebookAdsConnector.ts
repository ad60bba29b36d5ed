import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { FacebookAdsClient } from './FacebookAdsClient';
import { facebookAdsSettings } from './facebookAdsSettings';

/**
 * Facebook Ads destinations: Custom Audiences of one ad account, filled with SHA-256 hashed emails and
 * phones or raw mobile advertiser and external ids through the Marketing API.
 */
export const facebookAdsConnector = createDestinationConnector({
  type: 'facebook-ads',
  label: 'Facebook Ads',
  settings: facebookAdsSettings,
  create: context => FacebookAdsClient.create(context),
});
