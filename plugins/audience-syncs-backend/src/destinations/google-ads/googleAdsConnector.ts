import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { GoogleAdsClient } from './GoogleAdsClient';
import { googleAdsSettings } from './googleAdsSettings';

/**
 * Google Ads destinations: Customer Match lists of one Google Ads account, filled through the Data Manager
 * API (the Google Ads API takes no new Customer Match adopters since April 2026).
 */
export const googleAdsConnector = createDestinationConnector({
  type: 'google-ads',
  label: 'Google Ads',
  settings: googleAdsSettings,
  create: context => GoogleAdsClient.create(context),
});
