import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { MailchimpClient } from './MailchimpClient';
import { mailchimpSettings } from './mailchimpSettings';

/**
 * Mailchimp destinations: tags of one audience, filled with contacts matched by email (upserted with a
 * configured status for new ones, mapped fields as merge fields) through the Marketing API.
 */
export const mailchimpConnector = createDestinationConnector({
  type: 'mailchimp',
  label: 'Mailchimp',
  settings: mailchimpSettings,
  create: context => MailchimpClient.create(context),
});
