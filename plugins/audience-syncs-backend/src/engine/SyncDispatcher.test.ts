import {
  createEngineHarness,
  inMemoryKnex,
  EngineHarness,
  member,
} from '../__testUtils__/createEngineHarness';
import { LeaseLostError } from '../database/Lease';
import { createInstanceId } from './instanceId';

const past = () => new Date(Date.now() - 60_000).toISOString();

describe('SyncDispatcher', () => {
  let engine: EngineHarness;

  beforeEach(async () => {
    engine = await createEngineHarness({
      knex: inMemoryKnex(),
    });
    await engine.evaluate([1, 2, 3].map(n => member(n)));
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  const tickAndWait = async () => {
    await engine.dispatcher.tick();
    await engine.dispatcher.idle();
  };
  const runsOf = (syncId: string) =>
    engine
      .knex('sync_runs')
      .where({ sync_id: syncId })
      .orderBy('id')
      .select('trigger', 'status', 'error');

  it('runs a due sync once (initial, then scheduled) and moves its next run on', async () => {
    const sync = await engine.createSync({
      schedule: { type: 'hourly' },
      nextRunAt: past(),
    });
    await tickAndWait();
    await tickAndWait();
    expect(await runsOf(sync.id)).toEqual([
      { trigger: 'initial', status: 'succeeded', error: null },
    ]);
    const next = Date.parse((await engine.syncs.getSync(sync.id))!.nextRunAt!);
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(engine.membership()).toHaveLength(3);

    await engine.knex('syncs').update({ next_run_at: past() });
    await tickAndWait();
    expect((await runsOf(sync.id)).map(r => r.trigger)).toEqual([
      'initial',
      'schedule',
    ]);
  });

  it('claims again once runs finish after a tick found every slot busy', async () => {
    let open = () => {};
    const gate = new Promise<void>(resolve => (open = resolve));
    const busy = await createEngineHarness({
      knex: inMemoryKnex(),
      wrapExecutor: executor => ({
        execute: async (runId, lease, signal) => {
          await gate;
          return executor.execute(runId, lease, signal);
        },
      }),
    });
    try {
      await busy.evaluate([1, 2, 3].map(n => member(n)));
      for (let i = 0; i < 5; i++) {
        await busy.createSync({
          schedule: { type: 'hourly' },
          nextRunAt: past(),
        });
      }
      // Four runs take every slot; the next tick finds none free.
      await busy.dispatcher.tick();
      await busy.dispatcher.tick();
      open();
      // No tick: the runs that finish free their slots, and the fifth is claimed then.
      const statuses = async () =>
        (await busy.knex('sync_runs').select('status')).map(r => r.status);
      for (let wait = 0; wait < 100; wait++) {
        if ((await statuses()).every(s => s === 'succeeded')) break;
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      expect(await statuses()).toEqual(Array(5).fill('succeeded'));
      await busy.dispatcher.idle();
    } finally {
      await busy.knex.destroy();
    }
  });

  it('leaves paused and manual syncs alone', async () => {
    const paused = await engine.createSync({
      schedule: { type: 'hourly' },
      status: 'paused',
      nextRunAt: past(),
    });
    const manual = await engine.createSync({
      schedule: { type: 'manual' },
      nextRunAt: null,
    });
    await tickAndWait();
    expect(await runsOf(paused.id)).toEqual([]);
    expect(await runsOf(manual.id)).toEqual([]);
  });

  it('recovers a run whose instance died: records it as interrupted and runs it again', async () => {
    const sync = await engine.createSync();
    const run = await engine.runs.queueRun(sync.id, 'manual');
    await engine
      .knex('sync_runs')
      .where({ id: run!.id })
      .update({ status: 'running', started_at: past() });
    await engine
      .knex('syncs')
      .update({ lease_owner: 'dead-instance', lease_expires_at: past() });

    await tickAndWait();
    expect(await runsOf(sync.id)).toEqual([
      {
        trigger: 'manual',
        status: 'failed',
        error: expect.stringMatching(/^Interrupted/),
      },
      { trigger: 'manual', status: 'succeeded', error: null },
    ]);
    expect(engine.membership()).toHaveLength(3);
  });

  it('recovers at once a run its own dead predecessor held, finished when that process was last seen', async () => {
    const self = createInstanceId();
    const restarted = await createEngineHarness({
      knex: inMemoryKnex(),
      instanceId: self,
    });
    await restarted.evaluate([1, 2, 3].map(n => member(n)));
    const sync = await restarted.createSync();
    const run = await restarted.runs.queueRun(sync.id, 'manual');
    // One clock reading, so that the two times are exactly 20 s apart.
    const now = Date.now();
    const started = new Date(now - 120_000).toISOString();
    const lastSeen = new Date(now - 100_000).toISOString();
    await restarted
      .knex('sync_runs')
      .where({ id: run!.id })
      .update({ status: 'running', started_at: started });
    // Same host and pid (a restarted container), another random part; its lease has not lapsed yet.
    const [host, pid] = self.split(':');
    await restarted.knex('syncs').update({
      lease_owner: `${host}:${pid}:0ldpr0c5`,
      lease_token: 'its-claim',
      lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
      lease_seen_at: lastSeen,
    });

    await restarted.dispatcher.tick();
    await restarted.dispatcher.idle();
    const interrupted = (await restarted.runDetail(sync.id, run!.id))!;
    expect(interrupted).toMatchObject({
      status: 'failed',
      startedAt: started,
      finishedAt: lastSeen,
      durationMs: 20_000,
    });
    expect(restarted.membership()).toHaveLength(3);
    await restarted.knex.destroy();
  });

  it('does not touch a run another live instance holds', async () => {
    const sync = await engine.createSync();
    const run = await engine.runs.queueRun(sync.id, 'manual');
    await engine
      .knex('sync_runs')
      .where({ id: run!.id })
      .update({ status: 'running' });
    const future = new Date(Date.now() + 60_000).toISOString();
    await engine
      .knex('syncs')
      .update({ lease_owner: 'live-instance', lease_expires_at: future });
    // Nor one a live process of this host holds, recognised by name.
    const neighbour = await createEngineHarness({
      knex: engine.knex,
      instanceId: createInstanceId(),
      migrate: false,
    });
    await neighbour.knex('syncs').update({
      lease_owner: `${createInstanceId().split(':')[0]}:${
        process.ppid
      }:11112222`,
    });
    await neighbour.dispatcher.tick();
    await neighbour.dispatcher.idle();

    await tickAndWait();
    expect(await runsOf(sync.id)).toEqual([
      { trigger: 'manual', status: 'running', error: null },
    ]);
    expect(engine.membership()).toEqual([]);
  });

  it('refuses commits from an instance that lost its lease', async () => {
    const sync = await engine.createSync();
    await engine.knex('syncs').update({
      lease_owner: 'other',
      lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    const run = await engine.runs.queueRun(sync.id, 'manual');
    await expect(
      engine.coordinator.commitBatch(
        { syncId: sync.id, owner: 'me', token: 'mine' },
        run!.id,
        {
          upserts: [
            {
              memberKey: 'u1',
              identifier: 'x',
              memberHash: 'h',
              fieldsHash: null,
            },
          ],
          deletes: [],
          counters: { sent: 1, succeeded: 1, failed: 0, invalid: 0 },
          errors: [],
        },
      ),
    ).rejects.toThrow(LeaseLostError);
    expect(await engine.ledger(sync.id)).toEqual([]);
  });

  it('stops a run whose lease is taken away mid-run, without committing further', async () => {
    const slow = await createEngineHarness({
      knex: inMemoryKnex(),
      // Long enough that a loaded machine keeps it between heartbeats until the takeover.
      leaseMs: 600,
    });
    await slow.evaluate(Array.from({ length: 40 }, (_, i) => member(i + 1)));
    const sync = await slow.createSync();
    const client = slow.destinations.get('crm')!.client;
    const original = client.applyBatch.bind(client);
    let batches = 0;
    client.applyBatch = async request => {
      batches += 1;
      if (batches === 3) {
        // Another instance takes the sync over (as after a long stall).
        await slow.knex('syncs').update({
          lease_owner: 'thief',
          lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
        });
        await new Promise(r => setTimeout(r, 150));
      }
      return original(request);
    };
    const queued = await slow.runs.queueRun(sync.id, 'manual');
    await slow.dispatcher.tick();
    await slow.dispatcher.idle();
    expect(await slow.ledger(sync.id)).toHaveLength(4); // two batches of 2 committed before the takeover
    expect((await slow.runDetail(sync.id, queued!.id))!.status).toBe('running');
    await slow.knex.destroy();
  });
});
