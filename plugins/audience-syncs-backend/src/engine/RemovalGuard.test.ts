import {
  createEngineHarness,
  crmConnector,
  inMemoryKnex,
  EngineHarness,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { RemovalGuard } from './RemovalGuard';

// Whole runs through the engine: a loaded CI machine can take longer than Jest's 5 s default.
jest.setTimeout(60_000);

describe('RemovalGuard', () => {
  const guard = RemovalGuard.create({
    maxShare: 0.2,
    minRemovals: 25,
    maxShareLimit: 0.5,
    minRemovalsLimit: 100,
  });
  const departed = (n: number) => ({ departed: n, rekeyed: 0 });

  it('lets small or proportionate removals through and holds large ones', () => {
    expect(guard.check(departed(25), 50)).toBeUndefined(); // at the minimum count
    expect(guard.check(departed(200), 1000)).toBeUndefined(); // exactly 20%
    expect(guard.check(departed(201), 1000)).toBe(
      'Held for approval: this run would remove 201 of 1,000 members (20%), more than the 20% the removal guard allows. Approve it to send the removals.',
    );
    expect(guard.check(departed(30), 40)).toMatch(
      /remove 30 of 40 members \(75%\)/,
    );
    expect(guard.check({ departed: 10, rekeyed: 20 }, 40)).toMatch(
      /remove 30 of 40 members \(75%; 20 of them re-keyed/,
    );
  });

  it('applies a sync’s own share and minimum, within the operator’s limits', () => {
    expect(guard.check(departed(40), 100, { maxShare: 0.45 })).toBeUndefined();
    expect(guard.check(departed(21), 100, { minRemovals: 5 })).toMatch(
      /remove 21 of 100/,
    );
    expect(guard.check(departed(21), 100, { maxShare: 0.05 })).toBeUndefined(); // under the minimum
    // Settings above the limits (lowered since the sync saved them) count as the limits.
    expect(guard.limitsFor({ maxShare: 0.9, minRemovals: 500 })).toEqual({
      maxShare: 0.5,
      minRemovals: 100,
    });
    expect(guard.limitsFor()).toEqual({ maxShare: 0.2, minRemovals: 25 });
  });

  it('holds an approved run again when it would remove materially more than was approved', () => {
    // The margin is the larger of the minimum (25) and a tenth of the approved count.
    expect(guard.checkApproved(115, 90)).toBeUndefined();
    expect(guard.checkApproved(116, 90)).toBe(
      'Held for approval again: this run would remove 116 members, more than the 90 approved. Approve it to send the removals.',
    );
    expect(guard.checkApproved(1100, 1000)).toBeUndefined();
    expect(guard.checkApproved(1101, 1000)).toMatch(/more than the 1,000/);
  });
});

describe('the removal guard in runs', () => {
  let engine: EngineHarness;

  beforeEach(async () => {
    engine = await createEngineHarness({
      knex: inMemoryKnex(),
      guard: { maxShare: 0.2, minRemovals: 25 },
    });
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  it('holds a run that would empty most of a list, and runs it once approved', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 100).map(n => member(n)));
    await engine.run(sync.id);

    await engine.evaluate(range(1, 10).map(n => member(n)));
    const held = await engine.run(sync.id);
    expect(held).toMatchObject({
      status: 'held',
      sent: 0,
      planned: { removes: 90 },
    });
    expect(held.error).toMatch(/remove 90 of 100 members \(90%\)/);
    expect(engine.membership()).toHaveLength(100);
    // The sync is not stuck: its lease is released while the run waits.
    expect(
      await engine.knex('syncs').where({ id: sync.id }).first(),
    ).toMatchObject({ lease_owner: null });

    expect(await engine.runs.releaseHeldRun(held.id, 'user:default/ana')).toBe(
      true,
    );
    await engine.dispatcher.tick();
    await engine.dispatcher.idle();
    const approved = (await engine.runDetail(sync.id, held.id))!;
    expect(approved).toMatchObject({ status: 'succeeded', sent: 90 });
    expect(engine.membership()).toHaveLength(10);
  });

  it('lets ordinary churn through', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 200).map(n => member(n)));
    await engine.run(sync.id);
    await engine.evaluate(range(31, 230).map(n => member(n)));
    const run = await engine.run(sync.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      planned: { adds: 30, removes: 30 },
    });
  });

  it('holds by the sync’s own settings where it has some', async () => {
    const sync = await engine.createSync({ removalGuard: { maxShare: 0.1 } });
    await engine.evaluate(range(1, 200).map(n => member(n)));
    await engine.run(sync.id);
    await engine.evaluate(range(31, 230).map(n => member(n)));
    const held = await engine.run(sync.id);
    expect(held).toMatchObject({ status: 'held', planned: { removes: 30 } });
    expect(held.error).toMatch(/more than the 10% the removal guard allows/);
  });

  it('counts the removals of re-keyed members: a rewrite of every email is held in Mirror', async () => {
    const sync = await engine.createSync({ mode: 'mirror' });
    await engine.evaluate(range(1, 100).map(n => member(n)));
    await engine.run(sync.id);

    await engine.evaluate(
      range(1, 100).map(n => member(n, {}, `rewritten${n}@example.com`)),
    );
    const held = await engine.run(sync.id);
    expect(held).toMatchObject({ status: 'held', sent: 0 });
    expect(held.error).toMatch(
      /remove 100 of 100 members \(100%; 100 of them re-keyed/,
    );
    expect(engine.membership()).toHaveLength(100);
    expect(engine.membership()[0]).toMatch(/^user/);
  });

  it('does not count re-keys in Additive mode, which never removes', async () => {
    const sync = await engine.createSync({ mode: 'additive' });
    await engine.evaluate(range(1, 100).map(n => member(n)));
    await engine.run(sync.id);
    await engine.evaluate(
      range(1, 100).map(n => member(n, {}, `rewritten${n}@example.com`)),
    );
    expect((await engine.run(sync.id)).status).toBe('succeeded');
  });
});

describe('an approval of a held run', () => {
  let engine: EngineHarness;

  beforeEach(async () => {
    engine = await createEngineHarness({
      knex: inMemoryKnex(),
      connector: crmConnector(100),
      guard: { maxShare: 0.2, minRemovals: 25 },
    });
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  /** A sync of 1,000 members whose next run, removing 300, is held and approved. */
  async function approvedRun() {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 1000).map(n => member(n)));
    await engine.run(sync.id);
    await engine.evaluate(range(1, 700).map(n => member(n)));
    const held = await engine.run(sync.id);
    expect(held).toMatchObject({ status: 'held', planned: { removes: 300 } });
    expect(await engine.runs.releaseHeldRun(held.id, 'user:default/ana')).toBe(
      true,
    );
    return { sync, held };
  }

  const tickAndWait = async () => {
    await engine.dispatcher.tick();
    await engine.dispatcher.idle();
  };

  it('is held again when its run would remove materially more than was approved', async () => {
    const { sync, held } = await approvedRun();
    await engine.evaluate(range(1, 100).map(n => member(n)));

    await tickAndWait();
    const again = (await engine.runDetail(sync.id, held.id))!;
    expect(again).toMatchObject({ status: 'held', sent: 0 });
    expect(again.error).toBe(
      'Held for approval again: this run would remove 900 members, more than the 300 approved. Approve it to send the removals.',
    );
    expect(engine.membership()).toHaveLength(1000);

    // Approved for what it now shows, it runs.
    await engine.runs.releaseHeldRun(held.id, 'user:default/ana');
    await tickAndWait();
    expect(await engine.runDetail(sync.id, held.id)).toMatchObject({
      status: 'succeeded',
      sent: 900,
    });
  });

  it('lets the run go when the re-plan removes about what was approved', async () => {
    const { sync, held } = await approvedRun();
    await engine.evaluate(range(1, 680).map(n => member(n)));
    await tickAndWait();
    expect(await engine.runDetail(sync.id, held.id)).toMatchObject({
      status: 'succeeded',
      sent: 320,
    });
  });

  it('keeps its bound on the replacement run after a crash', async () => {
    const { sync, held } = await approvedRun();
    // The instance that claimed the approved run died before sending anything.
    await engine
      .knex('sync_runs')
      .where({ id: held.id })
      .update({ status: 'running' });
    await engine
      .knex('syncs')
      .where({ id: sync.id })
      .update({
        lease_owner: 'dead-instance',
        lease_token: 'its-claim',
        lease_expires_at: new Date(Date.now() - 1000).toISOString(),
      });
    await engine.evaluate(range(1, 100).map(n => member(n)));

    await tickAndWait();
    const [, replacement] = await engine
      .knex('sync_runs')
      .where({ sync_id: sync.id })
      .where('id', '>=', held.id)
      .orderBy('id')
      .select('id');
    const run = (await engine.runDetail(sync.id, replacement.id))!;
    expect(run).toMatchObject({ status: 'held', sent: 0 });
    expect(run.error).toMatch(/remove 900 members, more than the 300 approved/);
    expect(engine.membership()).toHaveLength(1000);
  });
});
