import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import {
  createEngineHarness,
  crmConnector,
  DESTINATION,
  emails,
  EngineHarness,
  member,
  OBJECT,
  range,
} from '../__testUtils__/createEngineHarness';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { SyncService } from '../service/SyncService';

jest.setTimeout(60_000);

/**
 * Verify: the destination read back and compared with the ledger and the audience, after someone edited
 * the destination by hand, on either database.
 */
describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('Verifying a destination on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let engine: EngineHarness;
  let service: SyncService;
  let connector: InMemoryDestinationConnector;

  beforeEach(async () => {
    connector = crmConnector(3);
    engine = await createEngineHarness({
      knex: await databases.init(databaseId),
      connector,
    });
    service = await createTestSyncService(engine);
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  const held = () => connector.members.get(DESTINATION)!.get(OBJECT.id)!;

  /** Queues a verify run through the service and lets the dispatcher execute it. */
  async function verify(syncId: string) {
    const queued = await service.verify(syncId, 'user:default/owner');
    await engine.dispatcher.tick();
    await engine.dispatcher.idle();
    return (await engine.runDetail(syncId, queued.id))!;
  }

  it('finds members removed and added by hand and members that left the audience, changing nothing', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 250).map(n => member(n)));
    await engine.run(sync.id);
    // By hand: two removed, three added; then two members leave the audience with no run since.
    held().delete('user3@example.com');
    held().delete('user4@example.com');
    for (const email of [
      'a@stranger.com',
      'b@stranger.com',
      'c@stranger.com',
    ]) {
      held().set(email, {});
    }
    await engine.evaluate(range(1, 248).map(n => member(n)));
    const before = {
      sync: await engine.syncs.getSync(sync.id),
      ledger: await engine.ledger(sync.id),
      destination: engine.membership(),
    };

    const run = await verify(sync.id);

    expect(run).toMatchObject({ kind: 'verify', status: 'succeeded', sent: 0 });
    expect(run.verification).toEqual({
      destinationMembers: 251,
      missing: 2,
      unowned: 3,
      stale: 2,
      samples: {
        missing: [
          { memberKey: 'u000003', identifier: 'user3@example.com' },
          { memberKey: 'u000004', identifier: 'user4@example.com' },
        ],
        unowned: ['a', 'b', 'c'].map(name => ({
          memberKey: null,
          identifier: `${name}@stranger.com`,
        })),
        stale: [
          { memberKey: 'u000249', identifier: 'user249@example.com' },
          { memberKey: 'u000250', identifier: 'user250@example.com' },
        ],
      },
    });
    expect(await engine.syncs.getSync(sync.id)).toEqual(before.sync);
    expect(await engine.ledger(sync.id)).toEqual(before.ledger);
    expect(engine.membership()).toEqual(before.destination);
    // What the run read is not kept once it has compared.
    expect(
      Number((await engine.knex('sync_verify_members').count({ n: '*' }))[0].n),
    ).toBe(0);
  });

  it('finds nothing to report on a destination in step with the sync', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 7).map(n => member(n)));
    await engine.run(sync.id);

    const run = await verify(sync.id);

    expect(run.verification).toMatchObject({
      destinationMembers: 7,
      missing: 0,
      unowned: 0,
      stale: 0,
    });
    expect(engine.membership()).toEqual(emails(range(1, 7)));
  });

  it('refuses a destination that cannot read back, and a sync with an open run', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 3).map(n => member(n)));
    await engine.runs.queueRun(sync.id, 'manual');
    await expect(service.verify(sync.id, 'a')).rejects.toThrow(ConflictError);

    const other = await createEngineHarness({
      knex: await databases.init(databaseId),
      connector: crmConnector(2, [OBJECT], { readMembers: false }),
    });
    const blindService = await createTestSyncService(other);
    const blindSync = await other.createSync();
    await expect(blindService.verify(blindSync.id, 'a')).rejects.toThrow(
      new InputError(
        "CRM cannot read an audience's members back, so it cannot be verified",
      ),
    );
    expect(await other.runs.countRuns(blindSync.id)).toBe(0);
    await other.knex.destroy();
  });

  /** Runs `kind` through the service and the dispatcher, and answers the run as it ended. */
  async function runOf(syncId: string, kind: 'repair' | 'resync') {
    const queued = await service[kind](syncId, 'user:default/owner');
    await engine.dispatcher.tick();
    await engine.dispatcher.idle();
    return (await engine.runDetail(syncId, queued.id))!;
  }

  /** A sync of members 1..20, then by hand: 3 and 4 removed, two strangers added; 19 and 20 leave. */
  async function editedByHand(
    mode: 'mirror' | 'additive',
    removalGuard?: { maxShare: number; minRemovals: number },
  ) {
    const sync = await engine.createSync({ mode, removalGuard });
    await engine.evaluate(range(1, 20).map(n => member(n)));
    await engine.run(sync.id);
    held().delete('user3@example.com');
    held().delete('user4@example.com');
    held().set('a@stranger.com', {});
    held().set('b@stranger.com', {});
    await engine.evaluate(range(1, 18).map(n => member(n)));
    return sync;
  }

  it('repairs a Mirror destination to the audience, leaving the members it never added', async () => {
    const sync = await editedByHand('mirror');

    const run = await runOf(sync.id, 'repair');

    expect(run).toMatchObject({ kind: 'repair', status: 'succeeded' });
    expect(run.verification).toMatchObject({
      missing: 2,
      unowned: 2,
      stale: 2,
    });
    expect(run.planned).toEqual({ adds: 2, removes: 2, updates: 0 });
    expect(engine.membership()).toEqual(
      [...emails(range(1, 18)), 'a@stranger.com', 'b@stranger.com'].sort(),
    );
    const after = await verify(sync.id);
    expect(after.verification).toMatchObject({
      missing: 0,
      unowned: 2,
      stale: 0,
    });
  });

  it('repairs an Additive destination by re-sending the missing, removing nothing', async () => {
    const sync = await editedByHand('additive');

    const run = await runOf(sync.id, 'repair');

    expect(run.planned).toEqual({ adds: 2, removes: 0, updates: 0 });
    expect(engine.membership()).toEqual(
      [...emails(range(1, 20)), 'a@stranger.com', 'b@stranger.com'].sort(),
    );
  });

  it("holds a repair whose removals exceed the sync's removal guard", async () => {
    const sync = await editedByHand('mirror', {
      maxShare: 0.05,
      minRemovals: 0,
    });

    const run = await runOf(sync.id, 'repair');

    expect(run.status).toBe('held');
    expect(run.error).toMatch(/^Held for approval: this run would remove 2 /);
    expect(engine.membership()).toContain('user19@example.com');
  });

  it('resyncs: the whole audience sent again, what left removed, as its dry run said', async () => {
    const sync = await editedByHand('mirror');
    const plan = await service.resyncPlan(sync.id);

    const run = await runOf(sync.id, 'resync');

    expect(plan).toMatchObject({ adds: 18, removes: 2, ledgerReset: true });
    expect(run).toMatchObject({
      kind: 'resync',
      status: plan.heldForApproval ? 'held' : 'succeeded',
    });
    expect(run.planned).toMatchObject({
      adds: plan.adds,
      removes: plan.removes,
    });
    expect(engine.membership()).toEqual(
      [...emails(range(1, 18)), 'a@stranger.com', 'b@stranger.com'].sort(),
    );
  });
});
