import {
  createEngineHarness,
  EngineHarness,
  inMemoryKnex,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { Lease } from '../database/Lease';

// Whole runs through the engine: a loaded CI machine can take longer than Jest's 5 s default.
jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A gate that requests wait at until it opens. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>(resolve => (open = resolve));
  return { open, opened };
}

/**
 * An engine with a 300 ms lease whose first run freezes at its third batch until released, its
 * heartbeats frozen with it: a process stopped (a long pause, a stuck connection) past its lease. Later
 * claims renew their leases as usual; `stallAt` stalls requests by number too.
 */
async function stallingEngine(instanceId: string, knex = inMemoryKnex()) {
  const leases: Lease[] = [];
  const engine = await createEngineHarness({
    knex,
    instanceId,
    leaseMs: 300,
    heartbeatMs: 50,
    wrapExecutor: executor => ({
      execute: (runId, lease, signal) => {
        leases.push(lease);
        return executor.execute(runId, lease, signal);
      },
    }),
  });
  let frozen: Lease | undefined;
  const heartbeat = engine.coordinator.heartbeat.bind(engine.coordinator);
  engine.coordinator.heartbeat = (lease, leaseMs) =>
    lease === frozen ? Promise.resolve(true) : heartbeat(lease, leaseMs);
  const client = engine.destinations.get('crm')!.client;
  const original = client.applyBatch.bind(client);
  const gates = new Map([[3, gate()]]);
  const requests: string[] = [];
  client.applyBatch = async request => {
    requests.push(request.operation);
    if (requests.length === 3) frozen = leases[0];
    await gates.get(requests.length)?.opened;
    return original(request);
  };
  return {
    engine,
    requests,
    release: () => gates.get(3)!.open(),
    stallAt: (n: number) => {
      const stall = gate();
      gates.set(n, stall);
      return stall.open;
    },
  };
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 1000 && !(await check()); i++) await sleep(10);
}

describe('a run that stalls past its lease', () => {
  let engine: EngineHarness;

  afterEach(async () => {
    await engine.knex.destroy();
  });

  it('is fenced out once the same instance claims the sync again: no second copy writes', async () => {
    const stalling = await stallingEngine('instance-a');
    engine = stalling.engine;
    await engine.evaluate(range(1, 40).map(n => member(n)));
    const sync = await engine.createSync();
    const first = (await engine.runs.queueRun(sync.id, 'manual'))!;
    await engine.dispatcher.tick();
    await waitFor(async () => stalling.requests.length === 3);
    await sleep(400); // the lease lapses while the batch hangs

    // The same instance recovers the run and continues it under a new claim, which stalls in turn.
    const resume = stalling.stallAt(6);
    await engine.dispatcher.tick();
    await waitFor(async () => stalling.requests.length === 6);
    const interrupted = (await engine.runDetail(sync.id, first.id))!;
    expect(interrupted).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^Interrupted/),
      sent: 4,
    });

    // The stalled copy wakes up while the new claim holds the sync: its batch is refused at commit,
    // and it sends nothing more.
    stalling.release();
    await sleep(200);
    expect(stalling.requests).toHaveLength(6);
    resume();
    await engine.dispatcher.idle();
    expect(await engine.runDetail(sync.id, first.id)).toEqual(interrupted);
    expect(await engine.ledger(sync.id)).toHaveLength(40);
    expect(engine.membership()).toHaveLength(40);
    // Two batches before the stall, the stalled one, then the continuation's 18: each batch once.
    expect(stalling.requests).toHaveLength(3 + 18);
  });

  it('cannot commit once its lease expired, even before anyone takes the sync over', async () => {
    const stalling = await stallingEngine('instance-a');
    engine = stalling.engine;
    await engine.evaluate(range(1, 40).map(n => member(n)));
    const sync = await engine.createSync();
    const first = (await engine.runs.queueRun(sync.id, 'manual'))!;
    await engine.dispatcher.tick();
    await waitFor(async () => stalling.requests.length === 3);
    await sleep(400);

    stalling.release();
    await engine.dispatcher.idle();
    // Nothing after the lapse reached the ledger or the run; the run is left for recovery.
    expect(await engine.ledger(sync.id)).toHaveLength(4);
    expect(await engine.runDetail(sync.id, first.id)).toMatchObject({
      status: 'running',
      sent: 4,
    });
    expect(stalling.requests).toHaveLength(3);
  });

  it('is fenced out when another instance took the sync over', async () => {
    const knex = inMemoryKnex();
    const stalling = await stallingEngine('instance-a', knex);
    engine = stalling.engine;
    const other = await createEngineHarness({
      knex,
      instanceId: 'instance-b',
      connector: engine.connector,
      migrate: false,
    });
    await engine.evaluate(range(1, 40).map(n => member(n)));
    const sync = await engine.createSync();
    const first = (await engine.runs.queueRun(sync.id, 'manual'))!;
    await engine.dispatcher.tick();
    await waitFor(async () => stalling.requests.length === 3);
    await sleep(400);

    await other.dispatcher.tick();
    await other.dispatcher.idle();
    stalling.release();
    await engine.dispatcher.idle();

    expect(stalling.requests).toHaveLength(3);
    expect(await engine.runDetail(sync.id, first.id)).toMatchObject({
      status: 'failed',
      sent: 4,
    });
    expect(await other.ledger(sync.id)).toHaveLength(40);
    expect(other.membership()).toHaveLength(40);
  });

  it('counts every member once across the interrupted run and its continuation', async () => {
    const stalling = await stallingEngine('instance-a');
    engine = stalling.engine;
    // Members 41-50 have no email: invalid, never in the ledger, so the continuation meets them again.
    await engine.evaluate([
      ...range(1, 40).map(n => member(n)),
      ...range(41, 50).map(n => member(n, {}, '')),
    ]);
    const sync = await engine.createSync();
    const first = (await engine.runs.queueRun(sync.id, 'manual'))!;
    await engine.dispatcher.tick();
    await waitFor(async () => stalling.requests.length === 3);
    await sleep(400);
    expect((await engine.runDetail(sync.id, first.id))!.invalid).toBe(10);
    expect(
      (await engine.runDetail(sync.id, first.id))!.errorSummary[0].count,
    ).toBe(10);

    await engine.dispatcher.tick();
    const runs = () =>
      engine.knex('sync_runs').where({ sync_id: sync.id }).orderBy('id');
    await waitFor(async () => (await runs())[1]?.status === 'succeeded');
    stalling.release();
    await engine.dispatcher.idle();

    const [interrupted, continuation] = await runs();
    expect(interrupted).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/counted by the run that continues it/),
    });
    const total = (key: 'sent' | 'succeeded' | 'failed' | 'invalid') =>
      interrupted[key] + continuation[key];
    expect([total('sent'), total('succeeded'), total('invalid')]).toEqual([
      40, 40, 10,
    ]);
    expect(
      (await engine.runDetail(sync.id, continuation.id))!.errors,
    ).toHaveLength(10);
    expect(await engine.runs.listErrors(interrupted.id)).toEqual([]);
    // The counts by code go the same way: only the continuation counts those rows.
    expect(
      (await engine.runDetail(sync.id, interrupted.id))!.errorSummary,
    ).toEqual([]);
    expect(
      (await engine.runDetail(sync.id, continuation.id))!.errorSummary.map(
        group => [group.code, group.count],
      ),
    ).toEqual([['missing_identifier', 10]]);
  });
});
