import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { SharedRequestSlots } from '../engine/SharedRequestSlots';
import { migrationsDir } from './migrateDatabase';
import { RequestSlotStore } from './RequestSlotStore';

jest.setTimeout(60_000);

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('RequestSlotStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let pools: Knex[];
  let stores: RequestSlotStore[];

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    pools =
      databaseId === 'SQLITE_3'
        ? [knex, knex]
        : [knex, knexFactory(knex.client.config)];
    stores = pools.map(pool => RequestSlotStore.create({ knex: pool }));
  });

  afterAll(async () => {
    for (const pool of new Set(pools)) await pool.destroy();
  });

  it('lets two replicas together hold no more than the slots of the account', async () => {
    const replicas = stores.map(store =>
      SharedRequestSlots.create({
        store,
        key: 'mailchimp',
        max: 3,
        holdMs: 10_000,
      }),
    );
    let open = 0;
    let most = 0;
    const request = async () => {
      open += 1;
      most = Math.max(most, open);
      await new Promise(resolve => setTimeout(resolve, 30));
      open -= 1;
    };
    await Promise.all(
      Array.from({ length: 16 }, (_, i) => replicas[i % 2].run(request)),
    );
    expect(most).toBe(3);
    expect(await stores[0].held('mailchimp')).toBe(0);
  });

  it("frees a dead replica's slot once its hold runs out", async () => {
    const now = Date.now();
    // A replica died holding both slots: one expires soon, the other much later.
    expect(
      await stores[0].claim('dead', 2, 'gone', now + 200, now),
    ).toBeDefined();
    expect(
      await stores[0].claim('dead', 2, 'gone', now + 60_000, now),
    ).toBeDefined();
    expect(
      await stores[1].claim('dead', 2, 'alive', now + 10_000, now),
    ).toBeUndefined();
    const later = now + 201;
    expect(
      await stores[1].claim('dead', 2, 'alive', later + 10_000, later),
    ).toBeDefined();
  });

  it('gives a waiting request up when its signal aborts, holding nothing', async () => {
    const slots = SharedRequestSlots.create({
      store: stores[0],
      key: 'busy',
      max: 1,
      holdMs: 10_000,
    });
    let release = () => {};
    const holding = slots.run(() => new Promise<void>(r => (release = r)));
    await new Promise(resolve => setTimeout(resolve, 50));
    await expect(
      slots.run(async () => 'never', AbortSignal.timeout(100)),
    ).rejects.toThrow();
    release();
    await holding;
    expect(await stores[0].held('busy')).toBe(0);
  });
});
