import {
  HUBSPOT_EMULATOR_DEFAULTS,
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import {
  ConformanceEmulator,
  describeConnectorConformance,
} from '../conformance/describeConnectorConformance';
import { HubSpotConnector } from './HubSpotConnector';

const TOKEN = 'conformance-hubspot-token';
/**
 * Calls of one add: the contact upsert and the membership add. The suite budgets one batch a second when
 * it tests throttling; an add here spends two of the portal's calls, so the emulator gets two calls for
 * each one the suite allows.
 */
const CALLS_PER_ADD = 2;

async function startPortal(): Promise<ConformanceEmulator> {
  return budgetedInBatches(
    await startHubSpotEmulator({ accessTokens: [TOKEN] }),
    CALLS_PER_ADD,
  );
}

/** The emulator, with the suite's rate limits (one request per batch) given as `callsPerBatch` calls. */
function budgetedInBatches(
  emulator: RunningEmulator,
  callsPerBatch: number,
): ConformanceEmulator {
  return {
    url: emulator.url,
    members: objectId => emulator.members(objectId),
    flush: () => emulator.flush(),
    setRateLimit: limit =>
      emulator.setRateLimit(
        limit && { ...limit, requests: limit.requests * callsPerBatch },
      ),
    advanceClock: ms => emulator.advanceClock(ms),
    reset: () => emulator.reset(),
    close: () => emulator.close(),
  };
}

describeConnectorConformance('HubSpot', {
  connector: () => new HubSpotConnector(),
  startEmulator: startPortal,
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
  member: i => ({
    memberKey: `member-${i}`,
    keys: { email: ` Member.${i}@Example.com ` },
    fields: {},
  }),
  // A value that is no email: HubSpot refuses that contact in a 207, naming its objectWriteTraceId.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `refused-${i}-not-an-email`,
    fields: {},
  }),
});
