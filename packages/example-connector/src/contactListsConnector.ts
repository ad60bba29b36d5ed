import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { ContactListsClient } from './ContactListsClient';
import { contactListsSettings } from './contactListsSettings';

/** Contact-lists destinations: the lists of one account, filled with contacts by email. */
export const contactListsConnector = createDestinationConnector({
  type: 'contact-lists',
  label: 'Contact Lists',
  settings: contactListsSettings,
  create: context => ContactListsClient.create(context),
});
