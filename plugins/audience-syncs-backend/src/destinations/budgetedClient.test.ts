import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import {
  DestinationClient,
  DestinationError,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { RateLimiter } from '../engine/RateLimiter';
import { RequestBudget } from '../engine/RequestBudget';
import { readPages } from '../__testUtils__/readPages';
import { testConnector } from '../__testUtils__/testConnector';
import { expectRejection } from '../__testUtils__/expectRejection';
import { budgetedClient } from './budgetedClient';
import { hubSpotConnector } from './hubspot/hubSpotConnector';

const TOKEN = 'pat-na1-budgeted';
const LIST = { id: '7', name: 'Newsletter' };
const target: SyncTarget = {
  object: LIST,
  identifier: { entityKey: 'email', field: 'email' },
  fieldMappings: [],
};

let hubspot: RunningEmulator;

beforeAll(async () => {
  hubspot = await startHubSpotEmulator({
    accessTokens: [TOKEN],
    lists: [{ listId: LIST.id, name: LIST.name }],
  });
});
beforeEach(() => hubspot.reset());
afterAll(() => hubspot.close());

const { connect } = testConnector(hubSpotConnector, {
  settings: () => ({ baseUrl: hubspot.url, accessToken: TOKEN }),
  secrets: [TOKEN],
});

/** The destination's real budget, with what was taken from it and the pauses asked for. */
function recordedBudget() {
  const limiter = RateLimiter.create({ requests: 1000, perSeconds: 10 });
  const record = { acquired: 0, paused: [] as number[] };
  const budget: RequestBudget = {
    async acquire(signal) {
      record.acquired += 1;
      await limiter.acquire(signal);
    },
    pause(ms) {
      record.paused.push(ms);
      limiter.pause(ms);
    },
  };
  return { budget, record };
}

async function fill(client: DestinationClient, count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    memberKey: `m${i}`,
    identifier: `member${i}@example.com`,
    fields: {},
  }));
  for (let i = 0; i < count; i += 100) {
    await client.applyBatch({
      operation: 'add',
      target,
      rows: rows.slice(i, i + 100),
    });
  }
}

describe('budgetedClient readMembers', () => {
  it('takes from the budget for every page it reads', async () => {
    const client = await connect();
    await fill(client, 250);
    const { budget, record } = recordedBudget();
    const before = hubspot.stats().requests;
    const pages = await readPages(budgetedClient(client, budget), target);
    expect(pages.map(p => p.length)).toEqual([100, 100, 50]);
    // Three pages, and the read that finds no more.
    expect(record.acquired).toBe(4);
    // Each page is a memberships page and a batch read of its contacts.
    expect(hubspot.stats().requests - before).toBe(6);
  });

  it('pauses the budget for the window HubSpot names when it throttles a read', async () => {
    const client = await connect();
    await fill(client, 150);
    hubspot.setRateLimit({ requests: 1, perSeconds: 10 });
    const { budget, record } = recordedBudget();
    const error = await expectRejection(
      readPages(budgetedClient(client, budget), target),
      DestinationError,
    );
    expect(error.throttled).toBe(true);
    expect(record.paused).toEqual([10_000]);
  });

  it('reads nothing back for a client that cannot', async () => {
    const connector = new InMemoryDestinationConnector({
      type: 'uploads-only',
      label: 'Uploads only',
      capabilities: {
        supportsAudienceSyncs: true,
        objectLabel: 'Audience',
        identifierFields: [],
        additionalFields: 'none',
        canCreateObjects: false,
        batchSize: 10,
      },
      readMembers: false,
    });
    const client = await connector.connect({
      id: 'u',
      type: 'uploads-only',
      name: 'U',
      owner: 'group:default/a',
      settings: mockServices.rootConfig(),
    });
    expect(budgetedClient(client, recordedBudget().budget).readMembers).toBe(
      undefined,
    );
  });
});
