import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  createEngineHarness,
  crmConnector,
  member,
  OBJECT,
} from '../__testUtils__/createEngineHarness';
import { ScheduledVerifier } from './ScheduledVerifier';

jest.setTimeout(60_000);

describe('ScheduledVerifier.readFrequencyMs', () => {
  it('is off when absent, reads durations, and names the key of a bad one', () => {
    const read = (verify?: object) =>
      ScheduledVerifier.readFrequencyMs(
        new ConfigReader({ audienceSyncs: verify ? { verify } : {} }),
      );
    expect(read()).toBeUndefined();
    expect(read({ schedule: { hours: 24 } })).toBe(86_400_000);
    expect(() => read({ schedule: { seconds: 5 } })).toThrow(
      'Invalid audienceSyncs.verify.schedule: must be at least 1 minute',
    );
  });
});

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('ScheduledVerifier on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it('verifies every active sync once, leaving paused syncs and syncs with an open run', async () => {
    const knex = await databases.init(databaseId);
    // The busy sync fills another list, so that its run cannot add to what the verify reads.
    const other = { id: 'list-2', name: 'Other' };
    const harness = await createEngineHarness({
      knex,
      connector: crmConnector(2, [OBJECT, other]),
    });
    await harness.evaluate([member(1), member(2)]);
    const active = await harness.createSync();
    await harness.createSync({ status: 'paused' });
    const busy = await harness.createSync({ object: other });
    await harness.runs.queueRun(busy.id, 'manual');
    let woken = 0;
    const verifier = ScheduledVerifier.create({
      stores: harness.stores,
      destinations: harness.destinations,
      logger: mockServices.logger.mock(),
      onQueued: () => {
        woken += 1;
      },
    });

    expect(await verifier.queueVerifies()).toBe(1);
    expect(woken).toBe(1);
    await harness.dispatcher.tick();
    await harness.dispatcher.idle();
    const [verify] = (
      await harness.runs.listRuns(active.id, { limit: 5, offset: 0 })
    ).items;
    expect(verify).toMatchObject({
      kind: 'verify',
      trigger: 'schedule',
      status: 'succeeded',
    });
    expect(
      (await harness.runDetail(active.id, verify.id))?.verification,
    ).toMatchObject({ destinationMembers: 0, unowned: 0, missing: 0 });
  });
});
