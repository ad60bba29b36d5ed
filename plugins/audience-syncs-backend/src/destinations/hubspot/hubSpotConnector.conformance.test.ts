import {
  HUBSPOT_EMULATOR_DEFAULTS,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { hubSpotConnector } from './hubSpotConnector';

const TOKEN = 'conformance-hubspot-token';
/** An add is two calls: the contact upsert and the membership add. */
const CALLS_PER_ADD = 2;

describeConnectorConformance('HubSpot', {
  connector: hubSpotConnector,
  startEmulator: () =>
    startHubSpotEmulator({
      accessTokens: [TOKEN],
      customProperties: [
        {
          name: 'lifetime_value_usd',
          label: 'Lifetime Value (USD)',
          type: 'number',
        },
        { name: 'is_vip', label: 'VIP', type: 'bool' },
        { name: 'signup_date', label: 'Signup Date', type: 'date' },
        { name: 'last_seen_at', label: 'Last Seen', type: 'datetime' },
      ],
    }),
  requestsPerBatch: CALLS_PER_ADD,
  settings: emulator => ({ baseUrl: emulator.url, accessToken: TOKEN }),
  wrongCredentials: {
    settings: emulator => ({
      baseUrl: emulator.url,
      accessToken: HUBSPOT_EMULATOR_DEFAULTS.accessToken,
    }),
    setting: 'accessToken',
    secret: HUBSPOT_EMULATOR_DEFAULTS.accessToken,
  },
  identifier: { entityKey: 'email', field: 'email' },
  fieldsToWrite: [
    'firstname',
    'lifetime_value_usd',
    'is_vip',
    'signup_date',
    'last_seen_at',
  ],
  // A value that is no email: HubSpot refuses that contact in a 207, naming its objectWriteTraceId.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `refused-${i}-not-an-email`,
    fields: {},
  }),
});
