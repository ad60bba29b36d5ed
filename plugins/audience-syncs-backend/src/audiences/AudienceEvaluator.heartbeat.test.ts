import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  AudienceDefinition,
  AudienceMember,
  AudienceSource,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import {
  AudienceSyncsStores,
  createStores,
} from '../database/AudienceSyncsStores';
import { migrationsDir } from '../database/migrateDatabase';
import { AudienceCatalog } from './AudienceCatalog';
import { AudienceEvaluator } from './AudienceEvaluator';

jest.setTimeout(60_000);

const AUDIENCE: AudienceDefinition = {
  id: 'slow',
  name: 'Slow',
  entityType: 'users',
  owner: 'group:default/marketing',
  entityKeys: ['user_id'],
  traits: [],
  attributes: [],
  evaluationSchedule: { type: 'hourly' },
};

const members = (keys: string[]): AudienceMember[] =>
  keys.map(key => ({ memberKey: key, keys: { user_id: key }, fields: {} }));

/**
 * A warehouse whose first evaluation stalls after its first member until `resume` is called, the way a
 * long query outlives the scheduler's task lock; later evaluations answer at once.
 */
function stallingSource() {
  let resume = () => {};
  const resumed = new Promise<void>(resolve => {
    resume = resolve;
  });
  let markStalled = () => {};
  const stalled = new Promise<void>(resolve => {
    markStalled = resolve;
  });
  let evaluations = 0;
  const source: AudienceSource = {
    id: 'stalling',
    listAudiences: async () => [AUDIENCE],
    async *evaluate() {
      evaluations += 1;
      if (evaluations > 1) {
        yield* members(['later-1', 'later-2']);
        return;
      }
      const [first, ...rest] = members(['slow-1', 'slow-2', 'slow-3']);
      yield first;
      markStalled();
      await resumed;
      yield* rest;
    },
  };
  return { source, stalled, resume };
}

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('AudienceEvaluator heartbeat on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let stores: AudienceSyncsStores;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    stores = createStores(knex);
  });

  afterAll(async () => {
    await knex.destroy();
  });

  beforeEach(async () => {
    await knex('audience_snapshots').delete();
    await knex('audience_members').delete();
    await knex('audience_evaluations').delete();
  });

  /** Two instances evaluating from the same warehouse into the same database. */
  const instances = async (source: AudienceSource) => {
    const catalog = await AudienceCatalog.create({
      sources: [source],
      store: stores.snapshots,
    });
    const instance = () =>
      AudienceEvaluator.create({
        catalog,
        stores,
        logger: mockServices.logger.mock(),
      });
    return { catalog, first: instance(), second: instance() };
  };

  const threeHoursLater = () => new Date(Date.now() + 3 * 3600_000);

  it('leaves an evaluation that outlives the task lock to its instance: not failed, not started twice', async () => {
    const { source, stalled, resume } = stallingSource();
    const { catalog, first, second } = await instances(source);
    const running = first.evaluate('slow');
    await stalled;

    await second.evaluateDue(threeHoursLater());
    expect(
      (await stores.snapshots.listEvaluations()).map(e => e.status),
    ).toEqual(['running']);

    resume();
    expect(await running).toMatchObject({
      status: 'succeeded',
      memberCount: 3,
    });
    expect(await catalog.get('slow')).toMatchObject({ memberCount: 3 });
  });

  it('fails an evaluation whose heartbeat lapsed, and its late instance switches nothing in', async () => {
    const { source, stalled, resume } = stallingSource();
    const { catalog, first, second } = await instances(source);
    const running = first.evaluate('slow');
    await stalled;
    const [stopped] = await stores.snapshots.listEvaluations();
    await knex('audience_evaluations')
      .where({ id: stopped.id })
      .update({
        heartbeat_at: new Date(Date.now() - 10 * 60_000).toISOString(),
      });

    await second.evaluateDue(threeHoursLater());
    resume();
    await running;

    const [failed, replacement] = await stores.snapshots.listEvaluations();
    expect(failed).toMatchObject({
      id: stopped.id,
      status: 'failed',
      error: 'Interrupted: the instance evaluating it stopped',
    });
    expect(replacement).toMatchObject({ status: 'succeeded', memberCount: 2 });
    expect(await stores.snapshots.countMembers(stopped.id)).toBe(0);
    expect((await stores.snapshots.getState('slow')).current?.id).toBe(
      replacement.id,
    );
    expect(await catalog.get('slow')).toMatchObject({ memberCount: 2 });
  });
});
