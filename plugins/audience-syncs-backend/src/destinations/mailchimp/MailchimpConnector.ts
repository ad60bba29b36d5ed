import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { MailchimpClient } from './MailchimpClient';

/**
 * Mailchimp destinations: tags of one audience, filled with contacts matched by email (upserted with a
 * configured status for new ones, mapped fields as merge fields) through the Marketing API.
 */
export class MailchimpConnector implements DestinationConnector {
  readonly type = 'mailchimp';
  readonly label = 'Mailchimp';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return MailchimpClient.fromSettings(destination.settings, context.logger);
  }
}
