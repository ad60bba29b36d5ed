import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { SalesforceClient } from './SalesforceClient';

/**
 * Salesforce destinations: the Campaigns of one org, filled with CampaignMembers of the Contacts and Leads
 * that members' emails or external ids find, through the REST API's sObject Collections.
 */
export class SalesforceConnector implements DestinationConnector {
  readonly type = 'salesforce';
  readonly label = 'Salesforce';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return SalesforceClient.fromSettings(destination.settings, context.logger);
  }
}
