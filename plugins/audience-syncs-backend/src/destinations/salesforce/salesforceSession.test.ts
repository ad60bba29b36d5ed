import {
  RunningEmulator,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { JsonObject } from '@backstage/types';
import {
  createEngineHarness,
  inMemoryKnex,
} from '../../__testUtils__/createEngineHarness';
import { testConnector } from '../../__testUtils__/testConnector';
import { salesforceConnector } from './salesforceConnector';

const CLIENT = {
  clientId: 'session-app',
  clientSecret: 'session-app-secret-8d',
};
const COUNT = 450;

let salesforce: RunningEmulator;

async function start(
  options: Parameters<typeof startSalesforceEmulator>[0] = {},
) {
  salesforce = await startSalesforceEmulator({
    accessTokens: [],
    clientCredentials: [CLIENT],
    org: {
      contacts: Array.from({ length: COUNT }, (_, i) => ({
        LastName: `Member ${i}`,
        Email: `member${i}@example.com`,
      })),
      campaigns: [{ Name: 'Spring' }],
    },
    ...options,
  });
}

afterEach(() => salesforce?.close());

const settings = (): JsonObject => ({ instanceUrl: salesforce.url, ...CLIENT });

const { connect } = testConnector(salesforceConnector, {
  settings,
  secrets: [CLIENT.clientSecret],
});

const member = (i: number): AudienceMember => ({
  memberKey: `m${String(i).padStart(5, '0')}`,
  keys: { email: `member${i}@example.com` },
  fields: {},
});

describe('Salesforce sessions', () => {
  it('re-authenticates once when the session expires (401 INVALID_SESSION_ID)', async () => {
    await start();
    const client = await connect();
    const [campaign] = await client.listObjects();
    expect(campaign.name).toBe('Spring');
    // Past the org's two-hour session timeout.
    salesforce.advanceClock(7200_000);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => client.listObjects()),
    );
    expect(answers).toEqual(Array(4).fill([campaign]));
    expect(salesforce.stats().tokensIssued).toBe(2);
  });

  it('finishes a run that lasts longer than the session with every member sent', async () => {
    await start({ tokenLifetimeSeconds: 1, faults: { latencyMs: 250 } });
    const [campaign] = await (await connect()).listObjects();
    const engine = await createEngineHarness({
      knex: inMemoryKnex(),
      connector: salesforceConnector,
      settings: settings(),
    });
    try {
      const members = Array.from({ length: COUNT }, (_, i) => member(i));
      await engine.evaluate(members);
      const sync = await engine.createSync({
        object: campaign,
        identifier: { entityKey: 'email', field: 'Email' },
      });
      const started = Date.now();
      const run = await engine.run(sync.id);
      // Longer than the one-second session, so it had to be renewed mid-run.
      expect(Date.now() - started).toBeGreaterThan(1500);
      expect(run).toMatchObject({
        status: 'succeeded',
        succeeded: COUNT,
        failed: 0,
      });
      expect(salesforce.members(campaign.id)).toEqual(
        members.map(m => m.keys.email).sort(),
      );
      expect(salesforce.stats().tokensIssued).toBeGreaterThanOrEqual(3);
    } finally {
      await engine.knex.destroy();
    }
  }, 60_000);
});
