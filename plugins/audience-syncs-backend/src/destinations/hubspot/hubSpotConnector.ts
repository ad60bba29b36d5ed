import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { HubSpotClient } from './HubSpotClient';
import { hubSpotSettings } from './hubSpotSettings';

/**
 * HubSpot destinations: the MANUAL (and SNAPSHOT) contact lists of one portal, filled with contacts upserted
 * by email, through the CRM Lists and Contacts APIs.
 */
export const hubSpotConnector = createDestinationConnector({
  type: 'hubspot',
  label: 'HubSpot',
  settings: hubSpotSettings,
  create: context => HubSpotClient.create(context),
});
