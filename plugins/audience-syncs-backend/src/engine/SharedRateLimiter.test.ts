import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { migrationsDir } from '../database/migrateDatabase';
import { RateBudgetStore } from '../database/RateBudgetStore';
import { RateLimiter } from './RateLimiter';
import { RequestBudget } from './RequestBudget';
import { SharedRateLimiter } from './SharedRateLimiter';

jest.setTimeout(60_000);

const RATE = { requests: 20, perSeconds: 1 };

/** Requests the replicas got through their budgets in `ms`, each asking as fast as it may. */
async function sendFor(replicas: RequestBudget[], ms: number) {
  const until = Date.now() + ms;
  let sent = 0;
  await Promise.all(
    replicas.flatMap(budget =>
      // Two callers per replica, as two runs of one destination would be.
      [1, 2].map(async () => {
        const signal = AbortSignal.timeout(ms);
        for (;;) {
          try {
            await budget.acquire(signal);
          } catch {
            return;
          }
          if (Date.now() >= until) return;
          sent += 1;
        }
      }),
    ),
  );
  return sent;
}

/** Time for a pause to reach the database (it is written in the background). */
const sharedSoon = () => new Promise(resolve => setTimeout(resolve, 100));

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('SharedRateLimiter on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let pools: Knex[];
  let stores: RateBudgetStore[];
  let keys = 0;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    // Three replicas: three connection pools where the database has a server.
    pools =
      databaseId === 'SQLITE_3'
        ? [knex, knex, knex]
        : [
            knex,
            knexFactory(knex.client.config),
            knexFactory(knex.client.config),
          ];
    stores = pools.map(pool => RateBudgetStore.create({ knex: pool }));
  });

  afterAll(async () => {
    for (const pool of new Set(pools)) await pool.destroy();
  });

  const replicasOf = (rate = RATE) => {
    keys += 1;
    return stores.map(store =>
      SharedRateLimiter.create({ store, key: `destination-${keys}`, rate }),
    );
  };

  it('keeps three replicas together within one budget, where their own limiters would take three', async () => {
    const ms = 1_500;
    // A full bucket, then the refill: 20 + 20 × 1.5 s.
    const budget = RATE.requests + RATE.requests * (ms / 1000);
    const shared = await sendFor(replicasOf(), ms);
    expect(shared).toBeLessThanOrEqual(budget);
    expect(shared).toBeGreaterThan(budget * 0.8);

    const own = await sendFor(
      [
        RateLimiter.create(RATE),
        RateLimiter.create(RATE),
        RateLimiter.create(RATE),
      ],
      ms,
    );
    expect(own).toBeGreaterThan(budget * 2.5);
  });

  it("holds every replica for a vendor's Retry-After that one of them got", async () => {
    // A budget small enough that each request takes from the database (no tokens taken ahead).
    const [a, b] = replicasOf({ requests: 100, perSeconds: 1 });
    await b.acquire();
    const started = Date.now();
    a.pause(400);
    await sharedSoon();
    await b.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('shares the pause of a destination without a budget', async () => {
    keys += 1;
    const [a, b] = stores.map(store =>
      SharedRateLimiter.create({ store, key: `destination-${keys}` }),
    );
    const started = Date.now();
    a.pause(300);
    await sharedSoon();
    await b.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
