import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import {
  createEngineHarness,
  crmConnector,
  EngineHarness,
  member,
} from '../__testUtils__/createEngineHarness';
import { RunExecutor } from './SyncDispatcher';

jest.setTimeout(120_000);

const SYNCS = 50;
const ROUNDS = 4;
const objects = Array.from({ length: SYNCS }, (_, i) => ({
  id: `list-${i + 1}`,
  name: `List ${i + 1}`,
}));

describe.each(TestDatabases.create({ ids: ['POSTGRES_15'] }).eachSupportedId())(
  'three instances sharing one %s database',
  databaseId => {
    const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
    const executions: Array<{ runId: number; instance: string }> = [];
    let instances: EngineHarness[];
    let pools: Knex[];

    beforeAll(async () => {
      const first = await databases.init(databaseId);
      pools = [
        first,
        knexFactory(first.client.config),
        knexFactory(first.client.config),
      ];
      // One vendor, shared by every instance.
      const connector = crmConnector(7, objects);
      instances = [];
      for (const [i, knex] of pools.entries()) {
        const instance = `instance-${i + 1}`;
        instances.push(
          await createEngineHarness({
            knex,
            connector,
            instanceId: instance,
            migrate: i === 0,
            wrapExecutor: (executor): RunExecutor => ({
              execute: async (runId, lease, signal) => {
                executions.push({ runId, instance });
                return executor.execute(runId, lease, signal);
              },
            }),
          }),
        );
      }
    });

    afterAll(async () => {
      for (const pool of pools.slice(1)) await pool.destroy();
    });

    it('executes every due run exactly once, spread over the instances', async () => {
      const [a] = instances;
      const syncs = [];
      for (const object of objects) {
        syncs.push(
          await a.createSync({
            object,
            schedule: { type: 'every_15_minutes' },
          }),
        );
      }

      for (let round = 1; round <= ROUNDS; round++) {
        // A new evaluation each round, so every run has work to do.
        const members = Array.from({ length: 20 }, (_, i) =>
          member(round * 5 + i),
        );
        await a.evaluate(members);
        await a
          .knex('syncs')
          .update({ next_run_at: new Date(Date.now() - 1000).toISOString() });

        // All instances tick at once, repeatedly, until nothing is queued or running.
        for (let pass = 0; pass < 50; pass++) {
          await Promise.all(instances.map(i => i.dispatcher.tick()));
          await Promise.all(instances.map(i => i.dispatcher.idle()));
          const open = await a
            .knex('sync_runs')
            .whereIn('status', ['queued', 'running'])
            .count({ n: '*' });
          if (Number(open[0].n) === 0) break;
        }

        const runs = await a.knex('sync_runs').select('sync_id', 'status');
        expect(runs).toHaveLength(SYNCS * round);
        expect(runs.every(r => r.status === 'succeeded')).toBe(true);
        for (const sync of syncs) {
          expect(runs.filter(r => r.sync_id === sync.id)).toHaveLength(round);
          expect(a.membership(sync.object.id)).toEqual(
            members.map(m => m.keys.email).sort(),
          );
        }
      }

      // No run executed twice, none missed, and the work landed on more than one instance.
      const runIds = executions.map(e => e.runId);
      expect(new Set(runIds).size).toBe(runIds.length);
      expect(runIds).toHaveLength(SYNCS * ROUNDS);
      const perInstance = new Set(executions.map(e => e.instance));
      expect(perInstance.size).toBeGreaterThan(1);
    });
  },
);
