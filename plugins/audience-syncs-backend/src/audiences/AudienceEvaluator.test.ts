import { mockServices } from '@backstage/backend-test-utils';
import { SqlAudienceSource } from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import {
  AudienceSyncsStores,
  createStores,
} from '../database/AudienceSyncsStores';
import { migrationsDir } from '../database/migrateDatabase';
import { AudienceCatalog } from './AudienceCatalog';
import { AudienceEvaluator } from './AudienceEvaluator';
import { SqlAudienceConfig } from './readSqlAudiencesConfig';

const sqlite = () =>
  knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });

const definition = (
  id: string,
  sql: string,
  overrides: Partial<SqlAudienceConfig> = {},
): SqlAudienceConfig => ({
  id,
  name: id,
  entityType: 'users',
  owner: 'group:default/marketing',
  entityKeys: ['user_id', 'email'],
  memberKey: 'user_id',
  traits: ['ltv'],
  attributes: ['plan'],
  evaluationSchedule: { type: 'daily' },
  sql,
  ...overrides,
});

describe('SqlAudienceSource and AudienceEvaluator', () => {
  let warehouse: Knex;
  let db: Knex;
  let stores: AudienceSyncsStores;

  const evaluatorFor = async (audiences: SqlAudienceConfig[]) => {
    const catalog = await AudienceCatalog.create({
      sources: [SqlAudienceSource.create({ id: 'sql', warehouse, audiences })],
      store: stores.snapshots,
    });
    return {
      catalog,
      evaluator: AudienceEvaluator.create({
        catalog,
        stores,
        logger: mockServices.logger.mock(),
      }),
    };
  };

  // One warehouse for the suite: a stream abandoned by a failing evaluation releases its connection
  // asynchronously, after the test that abandoned it.
  beforeAll(async () => {
    warehouse = sqlite();
    await warehouse.schema.createTable('people', t => {
      t.string('id');
      t.string('mail');
      t.float('ltv');
      t.string('plan');
    });
    await warehouse('people').insert([
      { id: 'p1', mail: 'a@x.io', ltv: 10, plan: 'pro' },
      { id: 'p2', mail: null, ltv: 0, plan: 'free' },
      { id: 'p3', mail: 'c@x.io', ltv: 99.5, plan: 'pro' },
    ]);
  });

  afterAll(async () => {
    await warehouse.destroy();
  });

  beforeEach(async () => {
    db = sqlite();
    await db.migrate.latest({ directory: migrationsDir });
    stores = createStores(db);
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('describes audiences without their SQL and streams their members', async () => {
    const source = SqlAudienceSource.create({
      id: 'sql',
      warehouse,
      audiences: [
        definition(
          'pros',
          "SELECT id AS user_id, mail AS email, ltv, plan FROM people WHERE plan = 'pro'",
        ),
      ],
    });
    const [listed] = await source.listAudiences();
    expect(listed).not.toHaveProperty('sql');
    expect(listed).toMatchObject({
      id: 'pros',
      entityKeys: ['user_id', 'email'],
      traits: ['ltv'],
    });
    const members = [];
    for await (const m of source.evaluate('pros')) members.push(m);
    expect(members).toEqual([
      {
        memberKey: 'p1',
        keys: { user_id: 'p1', email: 'a@x.io' },
        fields: { ltv: 10, plan: 'pro' },
      },
      {
        memberKey: 'p3',
        keys: { user_id: 'p3', email: 'c@x.io' },
        fields: { ltv: 99.5, plan: 'pro' },
      },
    ]);
  });

  it('evaluates into a snapshot with its member count', async () => {
    const { evaluator, catalog } = await evaluatorFor([
      definition(
        'everyone',
        'SELECT id AS user_id, mail AS email, ltv, plan FROM people',
      ),
    ]);
    const evaluation = await evaluator.evaluate('everyone');
    expect(evaluation).toMatchObject({ status: 'succeeded', memberCount: 3 });
    expect(await catalog.get('everyone')).toMatchObject({
      memberCount: 3,
      lastEvaluatedAt: evaluation.finishedAt,
    });
  });

  it.each([
    [
      'a column is missing',
      'SELECT id AS user_id, ltv, plan FROM people',
      /returns no column email$/,
    ],
    [
      'a member key is null',
      'SELECT NULL AS user_id, mail AS email, ltv, plan FROM people',
      /without its member key 'user_id'/,
    ],
    [
      'member keys repeat',
      "SELECT 'same' AS user_id, mail AS email, ltv, plan FROM people",
      /same member key twice/,
    ],
    [
      'the SQL is broken',
      'SELECT nonsense FROM nowhere',
      /no such table: nowhere/,
    ],
  ])(
    'records a failed evaluation when %s, keeping the previous snapshot',
    async (_case, sql, message) => {
      const good = definition(
        'a',
        'SELECT id AS user_id, mail AS email, ltv, plan FROM people',
      );
      const { evaluator, catalog } = await evaluatorFor([good]);
      await evaluator.evaluate('a');
      const broken = await evaluatorFor([{ ...good, sql }]);
      const evaluation = await broken.evaluator.evaluate('a');
      expect(evaluation.status).toBe('failed');
      expect(evaluation.error).toMatch(message);
      expect(await catalog.get('a')).toMatchObject({
        memberCount: 3,
        lastEvaluation: { status: 'failed' },
      });
    },
  );

  it('tells its listener of each snapshot it publishes, and not of a failed evaluation', async () => {
    const good = definition(
      'a',
      'SELECT id AS user_id, mail AS email, ltv, plan FROM people',
    );
    const onPublished = jest.fn();
    const catalog = await AudienceCatalog.create({
      sources: [
        SqlAudienceSource.create({
          id: 'sql',
          warehouse,
          audiences: [good, { ...good, id: 'b', sql: 'SELECT nope' }],
        }),
      ],
      store: stores.snapshots,
    });
    const evaluator = AudienceEvaluator.create({
      catalog,
      stores,
      logger: mockServices.logger.mock(),
      onPublished,
    });
    await evaluator.evaluate('a');
    expect(onPublished).toHaveBeenCalledTimes(1);
    expect((await evaluator.evaluate('b')).status).toBe('failed');
    expect(onPublished).toHaveBeenCalledTimes(1);
  });

  it('records a write that fails while the next members are read, and keeps none of them', async () => {
    // Member u2 comes twice in the first write; 20,000 rows make several writes and reads overlap.
    const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      SELECT 'u' || CASE WHEN i = 3 THEN 2 ELSE i END AS user_id, NULL AS email, i AS ltv, 'pro' AS plan
      FROM n`;
    const { evaluator, catalog } = await evaluatorFor([
      definition('many', sql.replace('i = 3', 'i = 0')),
    ]);
    const good = await evaluator.evaluate('many');
    expect(good).toMatchObject({ status: 'succeeded', memberCount: 20000 });

    const broken = await evaluatorFor([definition('many', sql)]);
    const evaluation = await broken.evaluator.evaluate('many');

    expect(evaluation.status).toBe('failed');
    expect(evaluation.error).toMatch(/same member key twice/);
    expect(await stores.snapshots.countMembers(evaluation.id)).toBe(0);
    expect(await catalog.get('many')).toMatchObject({ memberCount: 20000 });
  });

  it('evaluates only what is due: never evaluated, or past the next scheduled time', async () => {
    const sql = 'SELECT id AS user_id, mail AS email, ltv, plan FROM people';
    const { evaluator } = await evaluatorFor([
      definition('daily', sql),
      definition('manual', sql, { evaluationSchedule: { type: 'manual' } }),
    ]);
    await evaluator.evaluateDue(new Date());
    expect(await stores.snapshots.listEvaluations()).toHaveLength(2);

    await evaluator.evaluateDue(new Date());
    expect(await stores.snapshots.listEvaluations()).toHaveLength(2);

    // Two days later the daily audience is due again; a manual one never is.
    await evaluator.evaluateDue(new Date(Date.now() + 2 * 86400_000));
    expect(
      (await stores.snapshots.listEvaluations()).map(e => e.audienceId),
    ).toEqual(['daily', 'manual', 'daily']);
  });

  it('records an evaluation a crash interrupted before evaluating again', async () => {
    const { evaluator } = await evaluatorFor([
      definition(
        'a',
        'SELECT id AS user_id, mail AS email, ltv, plan FROM people',
      ),
    ]);
    const crashed = await stores.snapshots.startEvaluation('a');
    // The crashed instance renews its heartbeat no more.
    await db('audience_evaluations')
      .where({ id: crashed })
      .update({ heartbeat_at: new Date(Date.now() - 3600_000).toISOString() });
    await evaluator.evaluateDue(new Date(Date.now() + 2 * 86400_000));
    expect(
      (await stores.snapshots.listEvaluations()).map(e => e.status),
    ).toEqual(['failed', 'succeeded']);
  });

  it('refuses two sources defining the same audience id', async () => {
    const a = SqlAudienceSource.create({
      id: 'sql',
      warehouse,
      audiences: [definition('x', 'SELECT 1')],
    });
    await expect(
      AudienceCatalog.create({ sources: [a, a], store: stores.snapshots }),
    ).rejects.toThrow(
      "Audience id 'x' is defined by both the 'sql' and 'sql' sources",
    );
  });
});
