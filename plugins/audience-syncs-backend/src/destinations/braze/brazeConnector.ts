import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { BrazeClient } from './BrazeClient';
import { brazeSettings } from './brazeSettings';

/**
 * Braze destinations: membership written as values of an array custom attribute (`audiences` by default)
 * through `/users/track`, matched on external id or email, with mapped fields as user attributes. Braze
 * segments filter on the values.
 */
export const brazeConnector = createDestinationConnector({
  type: 'braze',
  label: 'Braze',
  settings: brazeSettings,
  create: context => BrazeClient.create(context),
});
