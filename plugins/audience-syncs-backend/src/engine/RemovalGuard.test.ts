import {
  createEngineHarness,
  inMemoryKnex,
  EngineHarness,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { RemovalGuard } from './RemovalGuard';

// Whole runs through the engine: a loaded CI machine can take longer than Jest's 5 s default.
jest.setTimeout(60_000);

describe('RemovalGuard', () => {
  const guard = RemovalGuard.create({ maxShare: 0.2, minRemovals: 25 });

  it('lets small or proportionate removals through and holds large ones', () => {
    expect(guard.check(25, 50)).toBeUndefined(); // at the minimum count
    expect(guard.check(200, 1000)).toBeUndefined(); // exactly 20%
    expect(guard.check(201, 1000)).toBe(
      'Held for approval: this run would remove 201 of 1,000 members (20%), more than the 20% the removal guard allows. Approve it to send the removals.',
    );
    expect(guard.check(30, 40)).toMatch(/remove 30 of 40 members \(75%\)/);
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
      /remove 100 of 100 members \(100%\).*100 of them re-keyed/,
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
