import {
  GOOGLE_EMULATOR_DEFAULTS,
  startGoogleDataManagerEmulator,
} from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { googleAdsConnector } from './googleAdsConnector';

const TOKEN = 'conformance-google-token';
const ACCOUNT = '7693729833';

describeConnectorConformance('Google Ads Customer Match', {
  connector: googleAdsConnector,
  startEmulator: () =>
    startGoogleDataManagerEmulator({
      accessTokens: [TOKEN],
      accountIds: [ACCOUNT],
    }),
  settings: emulator => ({
    baseUrl: emulator.url,
    operatingAccountId: '769-372-9833',
    accessToken: TOKEN,
    requestStatusFirstWaitMs: 0,
  }),
  wrongCredentials: {
    settings: emulator => ({
      baseUrl: emulator.url,
      operatingAccountId: ACCOUNT,
      accessToken: GOOGLE_EMULATOR_DEFAULTS.accessToken,
      requestStatusFirstWaitMs: 0,
    }),
    setting: 'accessToken',
    secret: GOOGLE_EMULATOR_DEFAULTS.accessToken,
  },
  identifier: { entityKey: 'email', field: 'emailAddress' },
  member: i => ({
    memberKey: `member-${i}`,
    keys: { email: `Member.${i}+ads@GMail.com` },
    fields: {},
  }),
  // A hash in the wrong format: Data Manager names the member in a field violation.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `not-a-sha256-hash-${i}`,
    fields: {},
  }),
});
