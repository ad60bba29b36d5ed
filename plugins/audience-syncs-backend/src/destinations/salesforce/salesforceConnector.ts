import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { SalesforceClient } from './SalesforceClient';
import { salesforceSettings } from './salesforceSettings';

/**
 * Salesforce destinations: the Campaigns of one org, filled with CampaignMembers of the Contacts and Leads
 * that members' emails or external ids find, through the REST API's sObject Collections.
 */
export const salesforceConnector = createDestinationConnector({
  type: 'salesforce',
  label: 'Salesforce',
  settings: salesforceSettings,
  create: context => SalesforceClient.create(context),
});
