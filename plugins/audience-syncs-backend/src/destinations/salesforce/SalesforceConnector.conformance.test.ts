import {
  RunningEmulator,
  SALESFORCE_EMULATOR_DEFAULTS,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import {
  ConformanceEmulator,
  describeConnectorConformance,
} from '../conformance/describeConnectorConformance';
import { SalesforceConnector } from './SalesforceConnector';

const TOKEN = 'conformance-salesforce-token';
/** Enough people for a batch of batchSize + 1 and the non-members the suite removes. */
const PEOPLE = 220;
/**
 * Calls of one add of Contacts: the Contact lookup and the CampaignMember write. The suite budgets one
 * batch a second when it tests throttling; an add here spends two of the org's calls, so the emulator gets
 * two calls for each one the suite allows.
 */
const CALLS_PER_ADD = 2;

const email = (i: number) => `member.${i}@example.com`;

async function startOrg(): Promise<ConformanceEmulator> {
  const emulator = await startSalesforceEmulator({
    accessTokens: [TOKEN],
    org: {
      // Every fifth person is a Lead, so the suite's batches use both lookups.
      contacts: Array.from({ length: PEOPLE }, (_, i) => i)
        .filter(i => i % 5 !== 4)
        .map(i => ({ LastName: `Member ${i}`, Email: email(i) })),
      leads: Array.from({ length: PEOPLE }, (_, i) => i)
        .filter(i => i % 5 === 4)
        .map(i => ({
          LastName: `Member ${i}`,
          Company: 'Conformance',
          Email: email(i),
        })),
    },
  });
  return budgetedInBatches(emulator, CALLS_PER_ADD);
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

describeConnectorConformance('Salesforce', {
  connector: () => new SalesforceConnector(),
  startEmulator: startOrg,
  settings: emulator => ({ instanceUrl: emulator.url, accessToken: TOKEN }),
  wrongCredentials: {
    settings: emulator => ({
      instanceUrl: emulator.url,
      accessToken: SALESFORCE_EMULATOR_DEFAULTS.accessToken,
    }),
    setting: 'accessToken',
    secret: SALESFORCE_EMULATOR_DEFAULTS.accessToken,
  },
  identifier: { entityKey: 'email', field: 'Email' },
  member: i => ({
    memberKey: `member-${i}`,
    keys: { email: ` Member.${i}@Example.com ` },
    fields: {},
  }),
  // An email no Contact or Lead of the org has: Salesforce finds nobody to add to the campaign.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `refused.${i}@example.com`,
    fields: {},
  }),
});
