import {
  FACEBOOK_EMULATOR_DEFAULTS,
  startFacebookEmulator,
} from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { facebookAdsConnector } from './facebookAdsConnector';

const TOKEN = 'conformance-facebook-token';
const ACCOUNT = '1000000000000042';

describeConnectorConformance('Facebook Ads', {
  connector: facebookAdsConnector,
  startEmulator: () =>
    startFacebookEmulator({ adAccountId: ACCOUNT, accessTokens: [TOKEN] }),
  settings: emulator => ({
    baseUrl: emulator.url,
    adAccountId: `act_${ACCOUNT}`,
    accessToken: TOKEN,
  }),
  wrongCredentials: {
    settings: emulator => ({
      baseUrl: emulator.url,
      adAccountId: `act_${ACCOUNT}`,
      accessToken: FACEBOOK_EMULATOR_DEFAULTS.accessToken,
    }),
    setting: 'accessToken',
    secret: FACEBOOK_EMULATOR_DEFAULTS.accessToken,
  },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  // An email that skipped hashing: Meta reports it in invalid_entry_samples.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `Refused.${i}@Example.com`,
    fields: {},
  }),
});
