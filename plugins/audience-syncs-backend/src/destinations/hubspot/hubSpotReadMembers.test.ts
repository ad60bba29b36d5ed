import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import {
  DestinationClient,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { readPages } from '../../__testUtils__/readPages';
import { testConnector } from '../../__testUtils__/testConnector';
import { hubSpotConnector } from './hubSpotConnector';

const TOKEN = 'pat-na1-read-back';
const APP = { clientId: 'hubspot-read-client', clientSecret: 'secret-9a1' };
const REFRESH = 'na1-refresh-read-back';
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
    oauthApps: [{ ...APP, refreshTokens: [REFRESH] }],
    lists: [{ listId: LIST.id, name: LIST.name }],
    rateLimit: null,
  });
});
beforeEach(() => hubspot.reset());
afterAll(() => hubspot.close());

const { connect, failure } = testConnector(hubSpotConnector, {
  settings: () => ({ baseUrl: hubspot.url, accessToken: TOKEN }),
  secrets: [TOKEN, APP.clientSecret, REFRESH],
});

/** Calls the emulated portal as another HubSpot client would. */
async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${hubspot.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function contactId(email: string): Promise<string> {
  const { body } = await call('POST', '/crm/v3/objects/contacts/batch/upsert', {
    inputs: [{ id: email, idProperty: 'email', properties: { email } }],
  });
  return body.results[0].id;
}

const email = (i: number) => `member${i}@example.com`;

async function addByConnector(client: DestinationClient, count: number) {
  const rows = Array.from({ length: count }, (_, i) => {
    const result = client.prepare(
      { memberKey: `m${i}`, keys: { email: email(i) }, fields: {} },
      target,
    );
    if (!result.ok) throw new Error(result.reason);
    return result.row;
  });
  for (let i = 0; i < rows.length; i += 100) {
    await client.applyBatch({
      operation: 'add',
      target,
      rows: rows.slice(i, i + 100),
    });
  }
}

describe('HubSpot readMembers', () => {
  it('reads back what the connector added and what was changed by hand, page by page', async () => {
    const client = await connect();
    expect(client.capabilities.canReadMembers).toBe(true);
    await addByConnector(client, 250);
    const byHand = await contactId('Grace@Example.com');
    await call('PUT', `/crm/v3/lists/${LIST.id}/memberships/add`, [byHand]);
    const removed = await contactId(email(3));
    await call('PUT', `/crm/v3/lists/${LIST.id}/memberships/remove`, [removed]);

    const pages = await readPages(client, target);
    const expected = [
      ...Array.from({ length: 250 }, (_, i) => email(i)).filter(
        e => e !== email(3),
      ),
      'grace@example.com',
    ].sort();
    expect(pages.flat().sort()).toEqual(expected);
    expect(pages.flat().sort()).toEqual(hubspot.members(LIST.id));
    expect(pages.map(p => p.length)).toEqual([100, 100, 50]);
  });

  it('reads an empty list as no pages, and a missing list as object_not_found', async () => {
    const client = await connect();
    await expect(readPages(client, target)).resolves.toEqual([]);
    const error = await failure(
      readPages(client, { ...target, object: { id: '999', name: 'Gone' } }),
    );
    expect(error.code).toBe('object_not_found');
  });

  it('enforces the memberships paging limits of HubSpot', async () => {
    const path = `/crm/v3/lists/${LIST.id}/memberships`;
    expect((await call('GET', `${path}?limit=251`)).status).toBe(400);
    expect((await call('GET', `${path}?after=not-a-cursor`)).status).toBe(400);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await contactId(email(i)));
    await call('PUT', `${path}/add`, ids);
    const first = await call('GET', `${path}?limit=2`);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.total).toBe(3);
    const second = await call(
      'GET',
      `${path}?limit=2&after=${first.body.paging.next.after}`,
    );
    expect(second.body.results.map((r: any) => r.recordId)).toEqual([ids[2]]);
    expect(second.body.paging).toBeUndefined();
    const unauthorized = await fetch(`${hubspot.url}${path}`);
    expect(unauthorized.status).toBe(401);
  });

  it('renews an OAuth token that expires between pages', async () => {
    const client = await connect({
      accessToken: undefined as unknown as string,
      ...APP,
      refreshToken: REFRESH,
    });
    await addByConnector(client, 150);
    const issued = hubspot.stats().tokensIssued;
    const pages: string[][] = [];
    for await (const page of client.readMembers!(target)) {
      pages.push(page.map(m => m.identifier));
      hubspot.advanceClock(1800_000);
    }
    expect(pages.flat().sort()).toEqual(hubspot.members(LIST.id));
    expect(pages).toHaveLength(2);
    expect(hubspot.stats().tokensIssued).toBe(issued + 1);
  });

  it('stops when the signal aborts', async () => {
    const client = await connect();
    await addByConnector(client, 150);
    const controller = new AbortController();
    const pages: string[][] = [];
    const reading = (async () => {
      for await (const page of client.readMembers!(target, {
        signal: controller.signal,
      })) {
        pages.push(page.map(m => m.identifier));
        controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow();
    expect(pages).toHaveLength(1);
  });
});
