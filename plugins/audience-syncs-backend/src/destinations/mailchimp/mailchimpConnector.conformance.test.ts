import {
  MAILCHIMP_EMULATOR_DEFAULTS,
  startMailchimpEmulator,
} from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { mailchimpConnector } from './mailchimpConnector';

const KEY = '3c7e5f0a9b2d4e6f8a1c3e5f7a9b1d3e-us6';
const LIST = 'c0ffee1234';

/** An add is two requests: batch subscribe, then the tag, as only contacts can be tagged. */
const REQUESTS_PER_ADD = 2;

describeConnectorConformance('Mailchimp', {
  connector: mailchimpConnector,
  startEmulator: () =>
    startMailchimpEmulator({
      apiKeys: [KEY],
      lists: [
        {
          id: LIST,
          name: 'Conformance audience',
          mergeFields: [
            { tag: 'LTV', name: 'Lifetime Value (USD)', type: 'number' },
            { tag: 'SIGNUP', name: 'Signup Date', type: 'date' },
          ],
        },
      ],
    }),
  requestsPerBatch: REQUESTS_PER_ADD,
  settings: emulator => ({
    baseUrl: emulator.url,
    apiKey: KEY,
    listId: LIST,
    newMemberStatus: 'subscribed',
  }),
  wrongCredentials: {
    settings: emulator => ({
      baseUrl: emulator.url,
      apiKey: MAILCHIMP_EMULATOR_DEFAULTS.apiKey,
      listId: LIST,
    }),
    setting: 'apiKey',
    secret: MAILCHIMP_EMULATOR_DEFAULTS.apiKey,
  },
  identifier: { entityKey: 'email', field: 'email_address' },
  fieldsToWrite: ['FNAME', 'LTV', 'SIGNUP'],
  // An address Mailchimp "looks fake or invalid": batch subscribe names it in errors[].email_address.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `refused-${i}@localhost`,
    fields: {},
  }),
});
