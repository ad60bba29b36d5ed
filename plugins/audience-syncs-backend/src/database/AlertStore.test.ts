import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { AlertNotifier } from '../alerts/AlertNotifier';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { AlertStore } from './AlertStore';
import { migrationsDir } from './migrateDatabase';
import { SnapshotStore } from './SnapshotStore';
import { SyncStore } from './SyncStore';

jest.setTimeout(60_000);

const ids = ['POSTGRES_15', 'SQLITE_3'] as const;
const at = () => new Date().toISOString();

const sync: AudienceSync = {
  id: 'sync-1',
  name: 'VIPs to Ads',
  audienceId: 'vip',
  destinationId: 'ads',
  object: { id: 'aud-1', name: 'Website Visitors' },
  mode: 'mirror',
  identifier: { entityKey: 'email', field: 'EMAIL' },
  fieldMappings: [],
  schedule: { type: 'daily' },
  status: 'active',
  owner: 'group:default/marketing',
  createdBy: 'user:default/ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'user:default/ana',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastSyncedAt: null,
  nextRunAt: null,
  version: 1,
  alerts: { invalidShare: 0.25 },
};

describe.each(TestDatabases.create({ ids: [...ids] }).eachSupportedId())(
  'AlertStore on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [...ids] });
    let knex: Knex;
    let store: AlertStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      store = AlertStore.create({ knex });
    });

    afterAll(async () => {
      await knex.destroy();
    });

    beforeEach(async () => {
      await knex('syncs').delete();
      await SyncStore.create({ knex }).insertSync(sync);
    });

    it('changes an alert once per state change', async () => {
      expect(await store.clear(sync.id, 'run-failed', at())).toBe(false);
      expect(await store.open(sync.id, 'run-failed', at())).toBe(true);
      expect(await store.open(sync.id, 'run-failed', at())).toBe(false);
      expect(await store.listOpen('run-failed')).toEqual([sync.id]);
      expect(await store.listOpen('missed-run')).toEqual([]);
      expect(await store.clear(sync.id, 'run-failed', at())).toBe(true);
      expect(await store.clear(sync.id, 'run-failed', at())).toBe(false);
      expect(await store.open(sync.id, 'run-failed', at())).toBe(true);
    });

    it('of writers racing to open or clear one alert, exactly one notifies', async () => {
      const sent: NotificationSendOptions[] = [];
      const audiences = await AudienceCatalog.create({
        sources: [],
        store: SnapshotStore.create({ knex }),
      });
      // Two replicas: their own stores and notifiers over the one database.
      const replicas = [1, 2].map(() =>
        AlertNotifier.create({
          store: AlertStore.create({ knex }),
          notifications: { send: async n => void sent.push(n) },
          audiences,
          logger: mockServices.logger.mock(),
        }),
      );
      const message = { title: 'Missed', description: 'A run did not start' };
      const race = (change: 'open' | 'clear') =>
        Promise.all(
          replicas.flatMap(replica =>
            [1, 2, 3].map(() => replica[change](sync, 'missed-run', message)),
          ),
        );

      await race('open');
      expect(sent).toHaveLength(1);
      expect(sent[0].payload.severity).toBe('high');
      await race('open');
      expect(sent).toHaveLength(1);
      await race('clear');
      expect(sent).toHaveLength(2);
      expect(sent[1].payload.severity).toBe('low');
      await race('open');
      expect(sent).toHaveLength(3);
    });

    it('keeps a sync own alert thresholds, and goes with its sync', async () => {
      const syncs = SyncStore.create({ knex });
      expect((await syncs.getSync(sync.id))?.alerts).toEqual({
        invalidShare: 0.25,
      });
      await knex.transaction(tx =>
        syncs.updateConfiguration(
          sync.id,
          { alerts: { rowCountSwing: 0.3 } },
          { by: 'user:default/ana', at: at() },
          tx,
        ),
      );
      expect((await syncs.getSync(sync.id))?.alerts).toEqual({
        rowCountSwing: 0.3,
      });

      await store.open(sync.id, 'run-held', at());
      await syncs.deleteSync(sync.id);
      expect(await store.listOpen('run-held')).toEqual([]);
    });
  },
);
