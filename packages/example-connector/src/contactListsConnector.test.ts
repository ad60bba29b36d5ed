import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { contactListsConnector } from './contactListsConnector';
import { startContactListsServer } from './__testUtils__/startContactListsServer';

const API_KEY = 'cl-test-key-4b1e';

describeConnectorConformance('Contact Lists', {
  connector: contactListsConnector,
  startEmulator: () => startContactListsServer({ apiKey: API_KEY }),
  settings: server => ({ baseUrl: server.url, apiKey: API_KEY }),
  wrongCredentials: {
    settings: server => ({ baseUrl: server.url, apiKey: 'cl-wrong-key' }),
    setting: 'apiKey',
    secret: 'cl-wrong-key',
  },
  identifier: { entityKey: 'email', field: 'email' },
  // Described fields the suite writes: the vendor takes each once converted to its type.
  fieldsToWrite: ['first_name', 'lifetime_value'],
  // `member` is left to the suite: `member-<i>` with the email ` Member.<i>@Example.com `.
  // An address the vendor cannot take: it refuses that row alone.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `not-an-email-${i}`,
    fields: {},
  }),
});
