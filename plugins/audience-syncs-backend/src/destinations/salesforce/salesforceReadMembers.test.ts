import {
  RunningEmulator,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import {
  DestinationClient,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { readPages } from '../../__testUtils__/readPages';
import { testConnector } from '../../__testUtils__/testConnector';
import { salesforceConnector } from './salesforceConnector';

const TOKEN = '00DEm!read-back-session';
const CLIENT = { clientId: 'read-app', clientSecret: 'read-app-secret' };
const EXTERNAL_ID = 'Customer_Id__c';
const COUNT = 250;
const email = (i: number) => `member${i}@example.com`;

let salesforce: RunningEmulator;

beforeAll(async () => {
  salesforce = await startSalesforceEmulator({
    accessTokens: [TOKEN],
    clientCredentials: [CLIENT],
    org: {
      contacts: Array.from({ length: COUNT }, (_, i) => ({
        LastName: `Member ${i}`,
        Email: i === 0 ? 'Member0@Example.com' : email(i),
        [EXTERNAL_ID]: `cus_${i}`,
      })),
      leads: [{ LastName: 'Hopper', Company: 'Navy', Email: 'Grace@x.org' }],
      campaigns: [{ Name: 'Spring' }],
    },
  });
});
beforeEach(() => salesforce.reset());
afterAll(() => salesforce.close());

const { connect, failure } = testConnector(salesforceConnector, {
  settings: () => ({
    instanceUrl: salesforce.url,
    accessToken: TOKEN,
    externalIdField: EXTERNAL_ID,
  }),
  secrets: [TOKEN, CLIENT.clientSecret],
});

/** The org's REST API, called as another integration would. */
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${salesforce.url}/services/data/v67.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}
const soql = async (q: string) =>
  (await api('GET', `/query?q=${encodeURIComponent(q)}`)).body.records;

function target(
  campaign: { id: string; name: string },
  identifier: SyncTarget['identifier'] = { entityKey: 'email', field: 'Email' },
): SyncTarget {
  return { object: campaign, identifier, fieldMappings: [] };
}

async function addByConnector(client: DestinationClient, t: SyncTarget) {
  const rows = Array.from({ length: COUNT }, (_, i) => {
    const result = client.prepare(
      { memberKey: `m${i}`, keys: { email: email(i) }, fields: {} },
      t,
    );
    if (!result.ok) throw new Error(result.reason);
    return result.row;
  });
  for (let i = 0; i < rows.length; i += 200) {
    const { rejected } = await client.applyBatch({
      operation: 'add',
      target: t,
      rows: rows.slice(i, i + 200),
    });
    expect(rejected).toEqual([]);
  }
}

describe('Salesforce readMembers', () => {
  it("reads back a campaign's people, added by the connector and changed by hand, page by page", async () => {
    const client = await connect();
    expect(client.capabilities.canReadMembers).toBe(true);
    const [campaign] = await client.listObjects();
    const t = target(campaign);
    await addByConnector(client, t);
    const [lead] = await soql(
      "SELECT Id FROM Lead WHERE Email = 'grace@x.org'",
    );
    expect(
      (
        await api('POST', '/sobjects/CampaignMember', {
          CampaignId: campaign.id,
          LeadId: lead.Id,
        })
      ).status,
    ).toBe(201);
    const [contact] = await soql(
      `SELECT Id FROM Contact WHERE Email = '${email(5)}'`,
    );
    const [member] = await soql(
      `SELECT Id FROM CampaignMember WHERE ContactId = '${contact.Id}'`,
    );
    expect(
      (await api('DELETE', `/sobjects/CampaignMember/${member.Id}`)).status,
    ).toBe(204);

    const before = salesforce.stats().requests;
    const pages = await readPages(client, t);
    // A page, its Contacts and its Leads: within the four calls one take from the budget stands for.
    expect(salesforce.stats().requests - before).toBeLessThanOrEqual(
      4 * pages.length,
    );
    const expected = [
      ...Array.from({ length: COUNT }, (_, i) => email(i)).filter(
        e => e !== email(5),
      ),
      'grace@x.org',
    ].sort();
    expect(pages.flat().sort()).toEqual(expected);
    expect(pages.map(p => p.length)).toEqual([200, 50]);

    const byExternalId = await readPages(
      client,
      target(campaign, { entityKey: 'user_id', field: EXTERNAL_ID }),
    );
    // The Lead has no external id: it has no identifier a sync by external id could have sent.
    expect(byExternalId.flat()).toHaveLength(COUNT - 1);
    expect(byExternalId.flat()).toContain('cus_0');
  });

  it('refuses an identifier field the destination does not offer, and a missing campaign reads as empty', async () => {
    const client = await connect();
    const [campaign] = await client.listObjects();
    const error = await failure(
      readPages(
        client,
        target(campaign, { entityKey: 'email', field: 'Name FROM User --' }),
      ),
    );
    expect(error.code).toBe('unsupported_identifier');
    await expect(
      readPages(client, target({ id: '701000000000000AAA', name: 'Gone' })),
    ).resolves.toEqual([]);
  });

  it('enforces query locators and the session, and renews a session that expires between pages', async () => {
    const hinted = await fetch(
      `${salesforce.url}/services/data/v67.0/query?q=SELECT+Id+FROM+Contact`,
      {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'sforce-query-options': 'batchSize=50',
        },
      },
    );
    // Below Salesforce's smallest batch: 200 all the same.
    const first = await hinted.json();
    expect(first.records).toHaveLength(200);
    const rest = await api(
      'GET',
      first.nextRecordsUrl.replace(/^.*v67\.0/, ''),
    );
    expect(rest.body.records).toHaveLength(50);
    expect(rest.body.done).toBe(true);
    const stale = await api('GET', '/query/01gEm9999999999-100');
    expect(stale.status).toBe(400);
    expect(stale.body[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
    const anonymous = await fetch(
      `${salesforce.url}/services/data/v67.0/query?q=SELECT+Id+FROM+Contact`,
    );
    expect(anonymous.status).toBe(401);

    const client = await connect({
      accessToken: undefined as unknown as string,
      ...CLIENT,
    });
    const [campaign] = await client.listObjects();
    await addByConnector(client, target(campaign));
    const issued = salesforce.stats().tokensIssued;
    const pages: string[][] = [];
    for await (const page of client.readMembers!(target(campaign))) {
      pages.push(page.map(m => m.identifier));
      // Past the org's two-hour session timeout.
      salesforce.advanceClock(7200_000);
    }
    expect(pages.map(p => p.length)).toEqual([200, 50]);
    expect(salesforce.stats().tokensIssued).toBe(issued + 1);
  });

  it('stops when the signal aborts', async () => {
    const client = await connect();
    const [campaign] = await client.listObjects();
    await addByConnector(client, target(campaign));
    const controller = new AbortController();
    const pages: number[] = [];
    const reading = (async () => {
      for await (const page of client.readMembers!(target(campaign), {
        signal: controller.signal,
      })) {
        pages.push(page.length);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow();
    expect(pages).toEqual([200]);
  });
});
