import {
  createEngineHarness,
  inMemoryKnex,
  crmConnector,
  EngineHarness,
  emails,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import {
  FaultyDestinationConnector,
  InMemoryDestinationConnector,
} from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';

describe('the engine under destination faults', () => {
  let engine: EngineHarness;
  let inner: InMemoryDestinationConnector;
  let faulty: FaultyDestinationConnector;

  beforeEach(async () => {
    inner = crmConnector(20);
    faulty = new FaultyDestinationConnector(inner, { seed: 7 });
    engine = await createEngineHarness({
      knex: inMemoryKnex(),
      connector: faulty,
      retry: { maxAttempts: 6 },
    });
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  it('reaches the exact membership with 30% of requests failing, in bounded attempts', async () => {
    faulty.failureRate = 0.3;
    const sync = await engine.createSync();
    const steps = [
      range(1, 500),
      range(101, 600),
      range(1, 50).concat(range(300, 450)),
    ];
    for (const step of steps) {
      await engine.evaluate(step.map(n => member(n)));
      const callsBefore = faulty.calls.length;
      const run = await engine.run(sync.id);
      expect(run).toMatchObject({ status: 'succeeded', failed: 0 });
      expect(inner.membersOf('crm', 'list-1')).toEqual(emails(step));

      // Each batch took at most 6 failed attempts plus throttle waits; overall about 1/(1-0.3) tries a batch.
      const calls = faulty.calls.slice(callsBefore);
      const batches = calls.filter(c => !c.fault).length;
      expect(batches).toBe(
        Math.ceil(run.planned.adds / 20) + Math.ceil(run.planned.removes / 20),
      );
      expect(calls.length).toBeLessThan(batches * 2.5);
      expect(calls.filter(c => c.fault).length).toBeGreaterThan(0);
    }
    expect(faulty.calls.some(c => c.fault === 'lost-response')).toBe(true);
    expect(faulty.calls.some(c => c.fault === 'throttle')).toBe(true);
    expect(faulty.calls.some(c => c.fault === 'server-error')).toBe(true);
  });

  it('fails a run when the destination stays down, keeps what was sent, and finishes on the next run', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 100).map(n => member(n)));
    // The first two batches go through, then every attempt of the third fails.
    faulty.next.push(
      ...Array(2).fill(undefined),
      ...Array(6).fill('server-error'),
    );
    const failed = await engine.run(sync.id);
    expect(failed).toMatchObject({
      status: 'failed',
      succeeded: 40,
      failed: 20,
    });
    expect(failed.error).toMatch(/^add batch failed: Internal server error/);
    expect((await engine.syncs.getSync(sync.id))!.status).toBe('errored');
    expect(await engine.ledger(sync.id)).toHaveLength(40);

    const recovered = await engine.run(sync.id);
    expect(recovered).toMatchObject({
      status: 'succeeded',
      planned: { adds: 60 },
    });
    expect(inner.membersOf('crm', 'list-1')).toEqual(emails(range(1, 100)));
    // A successful run clears the errored status.
    expect((await engine.syncs.getSync(sync.id))!.status).toBe('active');
  });

  it('stops at once on bad credentials, with a clear error', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 10).map(n => member(n)));
    faulty.next.push('unauthorized');
    const run = await engine.run(sync.id);
    expect(run).toMatchObject({
      status: 'failed',
      error: 'add batch failed: Invalid access token',
      succeeded: 0,
    });
    expect(faulty.calls).toHaveLength(1);
  });

  it('records rows the destination refuses, keeps them out of the ledger, and retries them next run', async () => {
    const sync = await engine.createSync();
    await engine.evaluate(range(1, 30).map(n => member(n)));
    inner.refuse.add('user7@example.com');
    const partial = await engine.run(sync.id);
    expect(partial).toMatchObject({
      status: 'partial',
      succeeded: 29,
      failed: 1,
    });
    expect(partial.errors).toEqual([
      {
        memberKey: 'u000007',
        operation: 'add',
        code: 'INVALID_RECORD',
        message: 'Refused user7@example.com',
        retryable: false,
      },
    ]);
    expect(await engine.ledger(sync.id)).not.toContain('user7@example.com');

    inner.refuse.clear();
    const retried = await engine.run(sync.id);
    expect(retried).toMatchObject({
      status: 'succeeded',
      planned: { adds: 1 },
      succeeded: 1,
    });
    expect(inner.membersOf('crm', 'list-1')).toEqual(emails(range(1, 30)));
  });
});
