import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startHubSpotEmulator,
  startMailchimpEmulator,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import {
  AudienceSync,
  SyncRunDetail,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationConnector,
  md5Hex,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createEngineHarness,
  EngineHarness,
  inMemoryKnex,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { readPages } from '../__testUtils__/readPages';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { hubSpotConnector } from '../destinations/hubspot/hubSpotConnector';
import { mailchimpConnector } from '../destinations/mailchimp/mailchimpConnector';
import { salesforceConnector } from '../destinations/salesforce/salesforceConnector';
import { WarehouseTableClient } from '../destinations/warehouse-table/WarehouseTableClient';
import { warehouseTableConnector } from '../destinations/warehouse-table/warehouseTableConnector';
import { SyncService } from '../service/SyncService';

jest.setTimeout(60_000);

/**
 * Verify against each vendor's emulator, over real sockets: the engine syncs an audience in Mirror mode,
 * then the destination is edited by hand through the vendor's own API (as another client would), then two
 * members leave the audience with no run since; the verify run reads the destination back and finds
 * exactly what was done, sending nothing and changing nothing. After the same edits a repair run restores
 * the audience and leaves the members the sync never added.
 */

const email = (n: number) => `user${n}@example.com`;
const STRANGERS = ['a@stranger.com', 'b@stranger.com', 'c@stranger.com'];

/** A request as `METHOD /path`, with the object a SOQL query reads and a query locator as `<next>`. */
function requestShape(input: unknown, init?: RequestInit): string {
  const url = new URL(String(input instanceof Request ? input.url : input));
  const route = url.pathname.replace(/\/query\/[^/]+$/, '/query/<next>');
  const soql = url.searchParams.get('q')?.match(/^SELECT .* FROM \w+/)?.[0];
  return [init?.method ?? 'GET', route, ...(soql ? [soql] : [])].join(' ');
}

/** The engine and the sync service over one destination, on an in-memory SQLite plugin database. */
async function setUp(connector: DestinationConnector, settings: JsonObject) {
  const engine = await createEngineHarness({
    knex: inMemoryKnex(),
    connector,
    settings,
  });
  const service = await createTestSyncService(engine);
  return { engine, service };
}

/** Queues a verify (or repair) run through the service and lets the dispatcher execute it. */
async function runOf(
  engine: EngineHarness,
  service: SyncService,
  syncId: string,
  kind: 'verify' | 'repair' = 'verify',
): Promise<SyncRunDetail> {
  const queued =
    kind === 'repair'
      ? await service.repair(syncId, 'user:default/owner')
      : await service.verify(syncId, 'user:default/owner');
  await engine.dispatcher.tick();
  await engine.dispatcher.idle();
  return (await engine.runDetail(syncId, queued.id))!;
}

/**
 * Syncs members 1..count in Mirror mode with one run, and checks the destination holds exactly them
 * afterwards.
 */
async function syncAudience(
  engine: EngineHarness,
  count: number,
  sync: Partial<AudienceSync>,
  destination: () => string[] | Promise<string[]>,
) {
  await engine.evaluate(range(1, count).map(n => member(n)));
  const created = await engine.createSync({ mode: 'mirror', ...sync });
  const run = await engine.run(created.id);
  expect(run).toMatchObject({
    status: 'succeeded',
    succeeded: count,
    failed: 0,
  });
  expect(await destination()).toEqual(range(1, count).map(email).sort());
  return created;
}

/** The destination after the hand edits: members 1..count but user3 and user4, and the strangers. */
const editedByHand = (count: number) =>
  [
    ...range(1, count)
      .filter(n => n !== 3 && n !== 4)
      .map(email),
    ...STRANGERS,
  ].sort();

/**
 * After the hand edits (user3 and user4 removed, the strangers added) and the audience re-evaluated without
 * its last two members: verifies and checks the exact findings, and that nothing changed.
 */
async function expectVerified(options: {
  engine: EngineHarness;
  service: SyncService;
  sync: AudienceSync;
  count: number;
  destination: () => string[] | Promise<string[]>;
  /** The requests (see `requestShape`) the read-back makes, in order: the verify run may make no others. */
  reads: string[];
}) {
  const { engine, service, sync, count, destination } = options;
  const expectedDestination = editedByHand(count);
  expect(await destination()).toEqual(expectedDestination);
  await engine.evaluate(range(1, count - 2).map(n => member(n)));
  const before = {
    sync: await engine.syncs.getSync(sync.id),
    ledger: await engine.ledger(sync.id),
  };
  expect(before.ledger).toHaveLength(count);
  // Every request the verify run makes, observed on its way to the emulator (passed through untouched).
  const requests = jest.spyOn(global, 'fetch');
  let run: SyncRunDetail;
  let shapes: string[];
  try {
    run = await runOf(engine, service, sync.id);
  } finally {
    shapes = requests.mock.calls.map(([input, init]) =>
      requestShape(input, init),
    );
    requests.mockRestore();
  }

  expect(run).toMatchObject({
    kind: 'verify',
    status: 'succeeded',
    sent: 0,
  });
  const key = (n: number) => `u${String(n).padStart(6, '0')}`;
  expect(run.verification).toEqual({
    destinationMembers: count + STRANGERS.length - 2,
    missing: 2,
    unowned: STRANGERS.length,
    stale: 2,
    samples: {
      missing: [3, 4].map(n => ({ memberKey: key(n), identifier: email(n) })),
      unowned: STRANGERS.map(identifier => ({ memberKey: null, identifier })),
      stale: [count - 1, count].map(n => ({
        memberKey: key(n),
        identifier: email(n),
      })),
    },
  });
  expect(await destination()).toEqual(expectedDestination);
  expect(await engine.ledger(sync.id)).toEqual(before.ledger);
  expect(await engine.syncs.getSync(sync.id)).toEqual(before.sync);
  // The run only read: its requests were the vendor's read endpoints, page by page, and nothing else.
  expect(shapes).toEqual(options.reads);
  // What the run read is not kept once it has compared.
  expect(
    Number((await engine.knex('sync_verify_members').count({ n: '*' }))[0].n),
  ).toBe(0);
  return run;
}

/**
 * After the hand edits and the audience re-evaluated without its last two members: repairs, and checks the
 * run found what the verify finds, re-sent the two missing, removed the two that left, and that the
 * destination now holds exactly the audience and the strangers the sync never added; then a verify run
 * finds nothing missing and nothing stale.
 */
async function expectRepaired(options: {
  engine: EngineHarness;
  service: SyncService;
  sync: AudienceSync;
  count: number;
  destination: () => string[] | Promise<string[]>;
}) {
  const { engine, service, sync, count, destination } = options;
  expect(await destination()).toEqual(editedByHand(count));
  await engine.evaluate(range(1, count - 2).map(n => member(n)));
  expect(await engine.ledger(sync.id)).toHaveLength(count);

  const run = await runOf(engine, service, sync.id, 'repair');

  expect(run).toMatchObject({
    kind: 'repair',
    status: 'succeeded',
    failed: 0,
    error: null,
  });
  expect(run.verification).toMatchObject({
    destinationMembers: count + STRANGERS.length - 2,
    missing: 2,
    unowned: STRANGERS.length,
    stale: 2,
  });
  expect(run.planned).toEqual({ adds: 2, removes: 2, updates: 0 });
  // Read from the vendor itself: the audience exactly, and the strangers the sync never added.
  const audience = range(1, count - 2).map(email);
  expect(await destination()).toEqual([...audience, ...STRANGERS].sort());
  expect(await engine.ledger(sync.id)).toHaveLength(count - 2);

  const after = await runOf(engine, service, sync.id);
  expect(after).toMatchObject({
    kind: 'verify',
    status: 'succeeded',
    sent: 0,
  });
  expect(after.verification).toMatchObject({
    destinationMembers: count - 2 + STRANGERS.length,
    missing: 0,
    unowned: STRANGERS.length,
    stale: 0,
  });
  expect(await destination()).toEqual([...audience, ...STRANGERS].sort());
  return run;
}

describe('Verifying a HubSpot list', () => {
  const TOKEN = 'pat-na1-verify';
  const LIST = { id: '7', name: 'Newsletter' };
  const COUNT = 250;
  let hubspot: RunningEmulator;
  let engine: EngineHarness;
  let service: SyncService;

  beforeEach(async () => {
    hubspot = await startHubSpotEmulator({
      accessTokens: [TOKEN],
      lists: [{ listId: LIST.id, name: LIST.name }],
      rateLimit: null,
    });
    ({ engine, service } = await setUp(hubSpotConnector, {
      baseUrl: hubspot.url,
      accessToken: TOKEN,
    }));
  });
  afterEach(async () => {
    await engine?.knex.destroy();
    await hubspot?.close();
  });

  /** Calls the emulated portal as another HubSpot client would. */
  async function call(method: string, route: string, body?: unknown) {
    const res = await fetch(`${hubspot.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json();
  }

  /** The contact's id, created when the portal has no contact with that email. */
  async function contactId(address: string): Promise<string> {
    const body = await call('POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [
        { id: address, idProperty: 'email', properties: { email: address } },
      ],
    });
    return body.results[0].id;
  }

  const destination = () => hubspot.members(LIST.id);

  /** Syncs the audience, then edits the list by hand: the strangers added, user3 and user4 removed. */
  async function syncAndEditByHand() {
    const sync = await syncAudience(
      engine,
      COUNT,
      { object: LIST, identifier: { entityKey: 'email', field: 'email' } },
      destination,
    );
    const added = [];
    for (const address of STRANGERS) added.push(await contactId(address));
    await call('PUT', `/crm/v3/lists/${LIST.id}/memberships/add`, added);
    const removed = [await contactId(email(3)), await contactId(email(4))];
    await call('PUT', `/crm/v3/lists/${LIST.id}/memberships/remove`, removed);
    return sync;
  }

  it('finds members removed and added by hand and members that left the audience, changing nothing', async () => {
    const sync = await syncAndEditByHand();

    // The hand edits reached the vendor.
    expect(destination()).toEqual(expect.arrayContaining(STRANGERS));
    await expectVerified({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
      // Three pages (100, 100, 51): the list's memberships, then their contacts' emails.
      reads: range(1, 3).flatMap(() => [
        `GET /crm/lists/2026-03/${LIST.id}/memberships`,
        'POST /crm/objects/2026-03/contacts/batch/read',
      ]),
    });
  });

  it('repairs the list to the audience, leaving the contacts added by hand', async () => {
    const sync = await syncAndEditByHand();

    // The hand edits reached the vendor.
    expect(destination()).toEqual(expect.arrayContaining(STRANGERS));
    await expectRepaired({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
    });
  });
});

describe('Verifying a Mailchimp tag', () => {
  const KEY = '3c9d1e0f5a7b4c2d8e6f1a0b9c8d7e6f-us6';
  const LIST = 'ab12cd34ef';
  const VIP = { id: '30001', name: 'VIP' };
  // Past one read page of 1,000.
  const COUNT = 1100;
  let mc: RunningEmulator;
  let engine: EngineHarness;
  let service: SyncService;

  beforeEach(async () => {
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
    ({ engine, service } = await setUp(mailchimpConnector, {
      baseUrl: mc.url,
      apiKey: KEY,
      listId: LIST,
      newMemberStatus: 'subscribed',
    }));
  });
  afterEach(async () => {
    await engine?.knex.destroy();
    await mc?.close();
  });

  /** The emulated account's API, called as another Mailchimp client would. */
  async function api(method: string, route: string, body?: unknown) {
    const res = await fetch(`${mc.url}/3.0${route}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`x:${KEY}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json().catch(() => undefined);
  }

  const destination = () => mc.members(VIP.id);

  /** Syncs the audience, then edits the tag by hand: the strangers tagged, user3 and user4 untagged. */
  async function syncAndEditByHand() {
    const sync = await syncAudience(
      engine,
      COUNT,
      {
        object: VIP,
        identifier: { entityKey: 'email', field: 'email_address' },
      },
      destination,
    );
    for (const address of STRANGERS) {
      await api('PUT', `/lists/${LIST}/members/${md5Hex(address)}`, {
        email_address: address,
        status_if_new: 'subscribed',
      });
    }
    await api('POST', `/lists/${LIST}/segments/${VIP.id}`, {
      members_to_add: STRANGERS,
      members_to_remove: [email(3), email(4)],
    });
    return sync;
  }

  it('finds members removed and added by hand and members that left the audience, changing nothing', async () => {
    const sync = await syncAndEditByHand();

    // The hand edits reached the vendor.
    expect(destination()).toEqual(expect.arrayContaining(STRANGERS));
    await expectVerified({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
      // Two pages (1,000 and 101) of the tag's members.
      reads: [1, 2].map(
        () => `GET /3.0/lists/${LIST}/segments/${VIP.id}/members`,
      ),
    });
  });

  it('repairs the tag to the audience, leaving the members tagged by hand', async () => {
    const sync = await syncAndEditByHand();

    // The hand edits reached the vendor.
    expect(destination()).toEqual(expect.arrayContaining(STRANGERS));
    await expectRepaired({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
    });
  });
});

describe('Verifying a Salesforce campaign', () => {
  const TOKEN = '00DEm!verify-session';
  const COUNT = 250;
  let salesforce: RunningEmulator;
  let engine: EngineHarness;
  let service: SyncService;
  let campaign: { id: string; name: string };

  beforeEach(async () => {
    salesforce = await startSalesforceEmulator({
      accessTokens: [TOKEN],
      org: {
        // The audience's people and the strangers: Contacts, and one stranger a Lead.
        contacts: [
          ...range(1, COUNT).map(email),
          ...STRANGERS.slice(0, -1),
        ].map((address, i) => ({ LastName: `Person ${i}`, Email: address })),
        leads: [
          { LastName: 'Stranger', Company: 'Elsewhere', Email: STRANGERS[2] },
        ],
        campaigns: [{ Name: 'Spring' }],
      },
    });
    [campaign] = salesforce.objects();
    ({ engine, service } = await setUp(salesforceConnector, {
      instanceUrl: salesforce.url,
      accessToken: TOKEN,
    }));
  });
  afterEach(async () => {
    await engine?.knex.destroy();
    await salesforce?.close();
  });

  /** The org's REST API, called as another integration would. */
  async function api(method: string, route: string, body?: unknown) {
    const res = await fetch(`${salesforce.url}/services/data/v67.0${route}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json().catch(() => undefined);
  }
  const soql = async (q: string) =>
    (await api('GET', `/query?q=${encodeURIComponent(q)}`)).records;

  const destination = () => salesforce.members(campaign.id);

  /**
   * Syncs the audience, then edits the campaign by hand: the strangers added (two Contacts and a Lead), the
   * campaign members of user3 and user4 deleted.
   */
  async function syncAndEditByHand() {
    const sync = await syncAudience(
      engine,
      COUNT,
      { object: campaign, identifier: { entityKey: 'email', field: 'Email' } },
      destination,
    );
    for (const address of STRANGERS.slice(0, -1)) {
      const [contact] = await soql(
        `SELECT Id FROM Contact WHERE Email = '${address}'`,
      );
      await api('POST', '/sobjects/CampaignMember', {
        CampaignId: campaign.id,
        ContactId: contact.Id,
      });
    }
    const [lead] = await soql(
      `SELECT Id FROM Lead WHERE Email = '${STRANGERS[2]}'`,
    );
    await api('POST', '/sobjects/CampaignMember', {
      CampaignId: campaign.id,
      LeadId: lead.Id,
    });
    for (const n of [3, 4]) {
      const [contact] = await soql(
        `SELECT Id FROM Contact WHERE Email = '${email(n)}'`,
      );
      const [campaignMember] = await soql(
        `SELECT Id FROM CampaignMember WHERE ContactId = '${contact.Id}'`,
      );
      await api('DELETE', `/sobjects/CampaignMember/${campaignMember.Id}`);
    }
    return sync;
  }

  it('finds members removed and added by hand and members that left the audience, changing nothing', async () => {
    const sync = await syncAndEditByHand();

    // The hand edits reached the vendor.
    expect(destination()).toEqual(expect.arrayContaining(STRANGERS));
    await expectVerified({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
      // Two pages (200 and 51) of the campaign's members, each with its people's emails.
      reads: [
        'GET /services/data/v67.0/query SELECT Id, ContactId, LeadId FROM CampaignMember',
        'GET /services/data/v67.0/query SELECT Id, Email FROM Contact',
        'GET /services/data/v67.0/query/<next>',
        'GET /services/data/v67.0/query SELECT Id, Email FROM Contact',
        'GET /services/data/v67.0/query SELECT Id, Email FROM Lead',
      ],
    });
  });

  it('repairs the campaign to the audience, leaving the members added by hand', async () => {
    const sync = await syncAndEditByHand();

    // The hand edits reached the vendor.
    expect(destination()).toEqual(expect.arrayContaining(STRANGERS));
    await expectRepaired({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
    });
    // The stranger who is a Lead is still in the campaign as that Lead.
    const [lead] = await soql(
      `SELECT Id FROM Lead WHERE Email = '${STRANGERS[2]}'`,
    );
    expect(
      await soql(`SELECT Id FROM CampaignMember WHERE LeadId = '${lead.Id}'`),
    ).toHaveLength(1);
  });
});

describe('Verifying a warehouse table (SQLite)', () => {
  const VIP = { id: 'vip', name: 'VIP customers' };
  const TABLE = 'audience_members';
  const COUNT = 250;
  let dir: string;
  let warehouse: Knex;
  let client: WarehouseTableClient | undefined;
  let engine: EngineHarness;
  let service: SyncService;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verify-warehouse-'));
    const filename = path.join(dir, 'warehouse.sqlite');
    // The real connector; the client it connects is kept so its own connection pool can be closed.
    const connector: DestinationConnector = {
      ...warehouseTableConnector,
      async connect(...args) {
        const connected = await warehouseTableConnector.connect(...args);
        client = connected as WarehouseTableClient;
        return connected;
      },
    };
    ({ engine, service } = await setUp(connector, {
      client: 'better-sqlite3',
      connection: { filename },
      table: TABLE,
      createTable: true,
      objects: [VIP],
      // Reads back a batch a page: several pages.
      batchSize: 100,
    }));
    // The warehouse as another client sees it: its own connection to the same database.
    warehouse = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
  });
  afterEach(async () => {
    await engine?.knex.destroy();
    await warehouse?.destroy();
    await client?.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const readRows = async () =>
    (await warehouse(TABLE).where({ object_id: VIP.id }).select('identifier'))
      .map(row => row.identifier as string)
      .sort();

  /** Syncs the audience, then edits the table by hand: the strangers' rows inserted, user3's and user4's deleted. */
  async function syncAndEditByHand() {
    const sync = await syncAudience(
      engine,
      COUNT,
      { object: VIP, identifier: { entityKey: 'email', field: 'email' } },
      readRows,
    );
    await warehouse(TABLE).insert(
      STRANGERS.map(identifier => ({
        identifier,
        object_id: VIP.id,
        synced_at: new Date().toISOString(),
      })),
    );
    await warehouse(TABLE)
      .where({ object_id: VIP.id })
      .whereIn('identifier', [email(3), email(4)])
      .delete();
    return sync;
  }

  it('finds rows deleted and inserted by hand and members that left the audience, changing nothing', async () => {
    const sync = await syncAndEditByHand();
    // Every row as it is, synced-at times included: a write of any row would change one.
    const table = () => warehouse(TABLE).select().orderBy('identifier');
    const before = await table();

    await expectVerified({
      engine,
      service,
      sync,
      count: COUNT,
      destination: readRows,
      // No HTTP at all: the table is read over the database connection.
      reads: [],
    });
    expect(await table()).toEqual(before);
    // The destination's client reads this table back in three pages.
    const pages = await readPages(client!, {
      object: VIP,
      identifier: sync.identifier,
      fieldMappings: [],
    });
    expect(pages.map(page => page.length)).toEqual([100, 100, 51]);
  });

  it('repairs the table to the audience, leaving the rows inserted by hand', async () => {
    const sync = await syncAndEditByHand();
    const strangerRows = () =>
      warehouse(TABLE)
        .whereIn('identifier', STRANGERS)
        .select()
        .orderBy('identifier');
    const strangers = await strangerRows();

    // The hand edits reached the table.
    expect(strangers).toHaveLength(STRANGERS.length);
    await expectRepaired({
      engine,
      service,
      sync,
      count: COUNT,
      destination: readRows,
    });
    // The strangers' rows are as they were inserted, not rewritten.
    expect(await strangerRows()).toEqual(strangers);
  });
});
