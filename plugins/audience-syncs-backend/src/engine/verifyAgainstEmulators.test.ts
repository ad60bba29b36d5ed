import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import {
  AudienceSync,
  SyncRunDetail,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  createEngineHarness,
  EngineHarness,
  inMemoryKnex,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { hubSpotConnector } from '../destinations/hubspot/hubSpotConnector';
import { SyncService } from '../service/SyncService';

jest.setTimeout(60_000);

/**
 * Verify against each vendor's emulator, over real sockets: the engine syncs an audience in Mirror mode,
 * then the destination is edited by hand through the vendor's own API (as another client would), then two
 * members leave the audience with no run since; the verify run reads the destination back and finds
 * exactly what was done, sending nothing and changing nothing.
 */

const email = (n: number) => `user${n}@example.com`;
const STRANGERS = ['a@stranger.com', 'b@stranger.com', 'c@stranger.com'];

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

/** Queues a verify run through the service and lets the dispatcher execute it. */
async function verify(
  engine: EngineHarness,
  service: SyncService,
  syncId: string,
): Promise<SyncRunDetail> {
  const queued = await service.verify(syncId, 'user:default/owner');
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
  destination: () => string[],
) {
  await engine.evaluate(range(1, count).map(n => member(n)));
  const created = await engine.createSync({ mode: 'mirror', ...sync });
  const run = await engine.run(created.id);
  expect(run).toMatchObject({
    status: 'succeeded',
    succeeded: count,
    failed: 0,
  });
  expect(destination()).toEqual(range(1, count).map(email).sort());
  return created;
}

/**
 * After the hand edits (user3 and user4 removed, the strangers added) and the audience re-evaluated without
 * its last two members: verifies and checks the exact findings, and that nothing changed.
 */
async function verifyAndCheck(options: {
  engine: EngineHarness;
  service: SyncService;
  sync: AudienceSync;
  count: number;
  destination: () => string[];
  /** The emulator, to check the verify run only read. */
  emulator?: RunningEmulator;
}) {
  const { engine, service, sync, count, destination } = options;
  const expectedDestination = [
    ...range(1, count)
      .filter(n => n !== 3 && n !== 4)
      .map(email),
    ...STRANGERS,
  ].sort();
  expect(destination()).toEqual(expectedDestination);
  await engine.evaluate(range(1, count - 2).map(n => member(n)));
  const before = {
    sync: await engine.syncs.getSync(sync.id),
    ledger: await engine.ledger(sync.id),
  };
  expect(before.ledger).toHaveLength(count);
  const requestsBefore = options.emulator?.stats().requests;

  const run = await verify(engine, service, sync.id);

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
  expect(destination()).toEqual(expectedDestination);
  expect(await engine.ledger(sync.id)).toEqual(before.ledger);
  expect(await engine.syncs.getSync(sync.id)).toEqual(before.sync);
  if (options.emulator) {
    // The verify run made requests (it read the destination back): only reads, answered 200.
    const stats = options.emulator.stats();
    expect(stats.requests).toBeGreaterThan(requestsBefore!);
    expect(Object.keys(stats.byStatus)).toEqual(['200']);
  }
  // What the run read is not kept once it has compared.
  expect(
    Number((await engine.knex('sync_verify_members').count({ n: '*' }))[0].n),
  ).toBe(0);
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
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${hubspot.url}${path}`, {
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

  it('finds members removed and added by hand and members that left the audience, changing nothing', async () => {
    const destination = () => hubspot.members(LIST.id);
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

    await verifyAndCheck({
      engine,
      service,
      sync,
      count: COUNT,
      destination,
      emulator: hubspot,
    });
  });
});
