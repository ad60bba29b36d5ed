import { TestDatabases } from '@backstage/backend-test-utils';
import { Schedule } from '@signalsmith/backstage-plugin-audience-syncs-common';
import knexFactory, { Knex } from 'knex';
import {
  AUDIENCE,
  createEngineHarness,
  DESTINATION,
  emails,
  EngineHarness,
  member,
  OBJECT,
  range,
} from '../__testUtils__/createEngineHarness';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { SyncService } from '../service/SyncService';

jest.setTimeout(120_000);

const AFTER_EVALUATION: Schedule = { type: 'after_evaluation' };
const IDS = ['POSTGRES_15', 'SQLITE_3'] as const;

/** Syncs that run after each evaluation of their audience, created and edited through the service. */
describe.each(TestDatabases.create({ ids: [...IDS] }).eachSupportedId())(
  'after each evaluation, on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [...IDS] });
    let knex: Knex;
    let engine: EngineHarness;
    let service: SyncService;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      engine = await createEngineHarness({ knex });
      service = await createTestSyncService(engine, {
        audience: { evaluationSchedule: { type: 'hourly' } },
      });
      // A sync can only be made for an audience evaluated at least once.
      await engine.evaluate([member(9)]);
    });

    const create = async (schedule: Schedule, runNow = false) =>
      service.create(
        {
          audienceId: AUDIENCE,
          destinationId: DESTINATION,
          object: { id: OBJECT.id },
          mode: 'mirror',
          identifier: { entityKey: 'email', field: 'Email' },
          fieldMappings: [],
          schedule,
          runNow,
        },
        'user:default/ann',
      );
    const tickAndWait = async (harness = engine) => {
      await harness.dispatcher.tick();
      await harness.dispatcher.idle();
    };
    const runsOf = (syncId: string) =>
      knex('sync_runs')
        .where({ sync_id: syncId })
        .orderBy('id')
        .select('trigger', 'status', 'evaluation_id');

    it('runs once for each new snapshot, and not without one', async () => {
      const { sync, warnings } = await create(AFTER_EVALUATION);
      expect(sync.nextRunAt).toBeNull();
      // It follows an hourly audience: nothing to warn about.
      expect(warnings).toEqual([]);

      // The snapshot that was current at creation is not new to the sync.
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([]);

      const second = await engine.evaluate(range(1, 3).map(n => member(n)));
      await tickAndWait();
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([
        { trigger: 'initial', status: 'succeeded', evaluation_id: second },
      ]);
      expect(engine.membership()).toEqual(emails(range(1, 3)));

      const third = await engine.evaluate(range(2, 3).map(n => member(n)));
      await tickAndWait();
      await tickAndWait();
      expect((await runsOf(sync.id)).slice(1)).toEqual([
        { trigger: 'schedule', status: 'succeeded', evaluation_id: third },
      ]);
      expect(engine.membership()).toEqual(emails(range(2, 3)));
    });

    it('keeps the initial run asked for at creation, without a second run for the same snapshot', async () => {
      const current = await engine.evaluate([member(1)]);
      const { sync, run } = await create(AFTER_EVALUATION, true);
      expect(run).toMatchObject({ trigger: 'initial', status: 'queued' });
      await tickAndWait();
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([
        { trigger: 'initial', status: 'succeeded', evaluation_id: current },
      ]);
    });

    it('applies from the switch: a snapshot older than the edit starts no run', async () => {
      const { sync } = await create({ type: 'daily' });
      await engine.evaluate([member(1)]);
      await engine.evaluate([member(2)]);
      const edited = await service.update(
        sync.id,
        { schedule: AFTER_EVALUATION },
        'user:default/bo',
      );
      expect(edited.sync.nextRunAt).toBeNull();
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([]);

      // Saving the same schedule again is no switch: the next snapshot still starts its run.
      await service.update(
        sync.id,
        { schedule: AFTER_EVALUATION, name: 'Renamed' },
        'user:default/bo',
      );
      const next = await engine.evaluate([member(3)]);
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([
        { trigger: 'initial', status: 'succeeded', evaluation_id: next },
      ]);

      // Switched away, new snapshots start nothing.
      await service.update(
        sync.id,
        { schedule: { type: 'manual' } },
        'user:default/bo',
      );
      await engine.evaluate([member(4)]);
      await tickAndWait();
      expect(await runsOf(sync.id)).toHaveLength(1);
    });

    it('skips snapshots taken while paused, and answers the next one after resuming', async () => {
      const { sync } = await create(AFTER_EVALUATION);
      await service.pause(sync.id, 'user:default/ann');
      await engine.evaluate([member(1)]);
      await tickAndWait();
      await service.resume(sync.id, 'user:default/ann');
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([]);
      const next = await engine.evaluate([member(2)]);
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([
        { trigger: 'initial', status: 'succeeded', evaluation_id: next },
      ]);
    });

    it('answers snapshots that land during a run once that run has finished', async () => {
      const { sync } = await create(AFTER_EVALUATION);
      // A manual run is queued, not yet executed, when two snapshots land.
      await service.runNow(sync.id, 'user:default/ann');
      await engine.evaluate([member(1)]);
      const latest = await engine.evaluate([member(2)]);
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([
        { trigger: 'initial', status: 'succeeded', evaluation_id: latest },
      ]);
      // The snapshots collapse into one run of the latest.
      await tickAndWait();
      await tickAndWait();
      expect(await runsOf(sync.id)).toEqual([
        { trigger: 'initial', status: 'succeeded', evaluation_id: latest },
        { trigger: 'schedule', status: 'succeeded', evaluation_id: latest },
      ]);
    });

    it('queues one run per snapshot across two dispatchers ticking together', async () => {
      const pool = databaseId.startsWith('SQLITE')
        ? knex
        : knexFactory(knex.client.config);
      const other = await createEngineHarness({
        knex: pool,
        instanceId: 'other-instance',
        migrate: false,
      });
      try {
        const syncs = [];
        for (let i = 0; i < 10; i++) {
          syncs.push((await create(AFTER_EVALUATION)).sync);
        }
        for (let round = 1; round <= 3; round++) {
          await engine.evaluate(range(1, round).map(n => member(n)));
          await Promise.all([
            engine.dispatcher.tick(),
            other.dispatcher.tick(),
            engine.dispatcher.tick(),
            other.dispatcher.tick(),
          ]);
          await Promise.all([
            engine.dispatcher.idle(),
            other.dispatcher.idle(),
          ]);
          await tickAndWait();
          await tickAndWait(other);
        }
        for (const sync of syncs) {
          expect((await runsOf(sync.id)).map(r => r.status)).toEqual([
            'succeeded',
            'succeeded',
            'succeeded',
          ]);
        }
      } finally {
        if (pool !== knex) await pool.destroy();
      }
    });
  },
);
