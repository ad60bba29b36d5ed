import {
  BRAZE_EMULATOR_DEFAULTS,
  startBrazeEmulator,
} from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { brazeConnector } from './brazeConnector';

const KEY = 'conformance-braze-key';
const COHORT = { id: 'conformance-cohort', name: 'Conformance Cohort' };

describeConnectorConformance('Braze', {
  connector: brazeConnector,
  // An account on the newer monthly-active-user plans: 50 objects per /users/track, the default batch size.
  startEmulator: () =>
    startBrazeEmulator({ apiKeys: [KEY], maxObjectsPerRequest: 50 }),
  settings: emulator => ({
    baseUrl: emulator.url,
    apiKey: KEY,
    objects: [COHORT],
  }),
  wrongCredentials: {
    settings: emulator => ({
      baseUrl: emulator.url,
      apiKey: BRAZE_EMULATOR_DEFAULTS.apiKey,
      objects: [COHORT],
    }),
    setting: 'apiKey',
    secret: BRAZE_EMULATOR_DEFAULTS.apiKey,
  },
  identifier: { entityKey: 'email', field: 'email' },
  // An address without a dotted domain: Braze names its object in errors[] by index.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `refused-${i}@localhost`,
    fields: {},
  }),
  // Braze segments are dashboard filters and attribute values are not listed by the API: they are configured.
  object: COHORT,
});
