import {
  RunningEmulator,
  startMailchimpEmulator,
} from '@internal/destination-emulators';
import {
  DestinationClient,
  md5Hex,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { readPages } from '../../__testUtils__/readPages';
import { testConnector } from '../../__testUtils__/testConnector';
import { mailchimpConnector } from './mailchimpConnector';

const KEY = '3c9d1e0f5a7b4c2d8e6f1a0b9c8d7e6f-us6';
const LIST = 'ab12cd34ef';
const VIP = { id: '30001', name: 'VIP' };
const target: SyncTarget = {
  object: VIP,
  identifier: { entityKey: 'email', field: 'email_address' },
  fieldMappings: [],
};

let mc: RunningEmulator;

beforeAll(async () => {
  mc = await startMailchimpEmulator({
    apiKeys: [KEY],
    lists: [
      {
        id: LIST,
        name: 'Newsletter',
        tags: [{ id: Number(VIP.id), name: VIP.name }],
      },
    ],
  });
});
beforeEach(() => mc.reset());
afterAll(() => mc.close());

const { connect, failure } = testConnector(mailchimpConnector, {
  settings: () => ({
    baseUrl: mc.url,
    apiKey: KEY,
    listId: LIST,
    newMemberStatus: 'subscribed',
  }),
  secrets: [KEY],
});

/** The emulated account's API, called as another Mailchimp client would. */
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${mc.url}/3.0${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`x:${KEY}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
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
  for (let i = 0; i < rows.length; i += 500) {
    const { rejected } = await client.applyBatch({
      operation: 'add',
      target,
      rows: rows.slice(i, i + 500),
    });
    expect(rejected).toEqual([]);
  }
}

describe('Mailchimp readMembers', () => {
  it("reads back a tag's contacts, added by the connector and changed by hand, 1,000 a page", async () => {
    const client = await connect();
    expect(client.capabilities.canReadMembers).toBe(true);
    await addByConnector(client, 2100);
    const byHand = 'Grace.Hopper@Example.com';
    await api('PUT', `/lists/${LIST}/members/${md5Hex(byHand.toLowerCase())}`, {
      email_address: byHand,
      status_if_new: 'subscribed',
    });
    await api('POST', `/lists/${LIST}/segments/${VIP.id}`, {
      members_to_add: [byHand],
      members_to_remove: [email(7)],
    });

    const pages = await readPages(client, target);
    const expected = [
      ...Array.from({ length: 2100 }, (_, i) => email(i)).filter(
        e => e !== email(7),
      ),
      'grace.hopper@example.com',
    ].sort();
    expect(pages.flat().sort()).toEqual(expected);
    expect(pages.map(p => p.length)).toEqual([1000, 1000, 100]);
  });

  it('enforces the paging limits of Mailchimp and its key', async () => {
    const path = `/lists/${LIST}/segments/${VIP.id}/members`;
    const tooMany = await api('GET', `${path}?count=1001`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('count');
    expect((await api('GET', `${path}?offset=-1`)).status).toBe(400);
    const unauthorized = await fetch(`${mc.url}/3.0${path}`);
    expect(unauthorized.status).toBe(401);
  });

  it('reads an empty tag as no pages; a missing tag or a refused key fails as writes do', async () => {
    const client = await connect();
    await expect(readPages(client, target)).resolves.toEqual([]);
    const missing = await failure(
      readPages(client, { ...target, object: { id: '999', name: 'Gone' } }),
    );
    expect(missing.code).toBe('object_not_found');
    const refused = await connect({
      apiKey: '00000000000000000000000000000000-us6',
    });
    const error = await failure(readPages(refused, target));
    expect(error.retryable).toBe(false);
  });

  it('stops when the signal aborts', async () => {
    const client = await connect();
    await addByConnector(client, 1500);
    const controller = new AbortController();
    const pages: number[] = [];
    const reading = (async () => {
      for await (const page of client.readMembers!(target, {
        signal: controller.signal,
      })) {
        pages.push(page.length);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow();
    expect(pages).toEqual([1000]);
  });
});
