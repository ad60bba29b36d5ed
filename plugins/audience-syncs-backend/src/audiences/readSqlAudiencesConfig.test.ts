import { ConfigReader } from '@backstage/config';
import {
  readSqlAudiencesConfig,
  readWarehouseConfig,
} from './readSqlAudiencesConfig';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;
type JsonValue = JsonObject[string];

const loyalCustomers = {
  id: 'loyal-customers',
  name: 'Loyal customers',
  entityType: 'users',
  owner: 'group:default/marketing',
  entityKeys: ['email', 'user_id'],
  memberKey: 'email',
  evaluationSchedule: { type: 'daily' },
  sql: 'select email, user_id from customers where orders > 3',
};

function read(audiences: JsonValue) {
  return readSqlAudiencesConfig(
    new ConfigReader({ audienceSyncs: { audiences } }),
  );
}

function readError(audiences: JsonValue): Error {
  let error: unknown;
  try {
    read(audiences);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('readSqlAudiencesConfig', () => {
  it('reads a valid audience, defaulting traits and attributes to none', () => {
    expect(read([loyalCustomers])).toEqual([
      { ...loyalCustomers, traits: [], attributes: [] },
    ]);
  });

  it('reads traits, attributes, a description and a cron schedule in a time zone', () => {
    const audience = {
      ...loyalCustomers,
      description: 'Ordered more than three times',
      traits: ['lifetime_value'],
      attributes: ['plan_type', 'country'],
      evaluationSchedule: {
        type: 'cron',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
      },
    };

    expect(read([audience])).toEqual([audience]);
  });

  it('reads several audiences in order', () => {
    const churnRisk = { ...loyalCustomers, id: 'churn-risk', name: 'Churn' };

    expect(read([loyalCustomers, churnRisk]).map(a => a.id)).toEqual([
      'loyal-customers',
      'churn-risk',
    ]);
  });

  it('is empty without audienceSyncs.audiences', () => {
    expect(readSqlAudiencesConfig(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    'Loyal-Customers',
    'loyal_customers',
    '-loyal',
    'loyal-',
    'loyal--customers',
    'loyal customers',
  ])('names the path of the id %p, which is not kebab-case', id => {
    const error = readError([loyalCustomers, { ...loyalCustomers, id }]);

    expect(error.message).toContain('audienceSyncs.audiences[1].id: ');
    expect(error.message).toContain('kebab-case');
  });

  it('names the path of an unknown entity key', () => {
    const error = readError([
      { ...loyalCustomers, entityKeys: ['email', 'fax'] },
    ]);

    expect(error.message).toContain('audienceSyncs.audiences[0].entityKeys[1]');
    expect(error.message).toContain('fax');
  });

  it('names the path of a memberKey that is not one of the entityKeys', () => {
    const error = readError([{ ...loyalCustomers, memberKey: 'phone' }]);

    expect(error.message).toContain(
      'audienceSyncs.audiences[0].memberKey: must be one of the audience entityKeys',
    );
  });

  it('names the path of a cron schedule without its cron expression', () => {
    const error = readError([
      { ...loyalCustomers, evaluationSchedule: { type: 'cron' } },
    ]);

    expect(error.message).toContain(
      'audienceSyncs.audiences[0].evaluationSchedule.cron: is required when the schedule type is cron',
    );
  });

  it('refuses the after-each-evaluation schedule, which only syncs can have', () => {
    expect(
      readError([
        { ...loyalCustomers, evaluationSchedule: { type: 'after_evaluation' } },
      ]).message,
    ).toBe(
      "Invalid audience configuration: audienceSyncs.audiences[0].evaluationSchedule.type: 'after_evaluation' is a schedule for syncs, not for evaluations",
    );
  });

  it('names the path of an invalid cron expression', () => {
    const error = readError([
      loyalCustomers,
      {
        ...loyalCustomers,
        id: 'weekly-digest',
        evaluationSchedule: { type: 'cron', cron: '0 9 * *' },
      },
    ]);

    expect(error.message).toContain(
      'audienceSyncs.audiences[1].evaluationSchedule.cron: ',
    );
  });

  it('names the path of an unknown time zone', () => {
    const error = readError([
      {
        ...loyalCustomers,
        evaluationSchedule: { type: 'daily', timezone: 'Mars/Olympus_Mons' },
      },
    ]);

    expect(error.message).toContain(
      "audienceSyncs.audiences[0].evaluationSchedule.timezone: 'Mars/Olympus_Mons'",
    );
  });

  it('names the path of a duplicated id', () => {
    const error = readError([
      loyalCustomers,
      { ...loyalCustomers, id: 'churn-risk' },
      { ...loyalCustomers, name: 'Loyal customers again' },
    ]);

    expect(error.message).toContain(
      "audienceSyncs.audiences[2].id: 'loyal-customers' is used twice",
    );
  });

  it('names the path and the key of an unknown setting', () => {
    const error = readError([{ ...loyalCustomers, refreshEvery: 'daily' }]);

    expect(error.message).toContain(
      'audienceSyncs.audiences[0].refreshEvery: is not a known field',
    );
  });

  it('names the path of a missing required setting', () => {
    const { sql: _sql, ...withoutSql } = loyalCustomers;
    const error = readError([withoutSql]);

    expect(error.message).toContain('audienceSyncs.audiences[0].sql');
  });

  it("reads a statement timeout per audience, in any of Backstage's duration forms", () => {
    const audiences = read([
      { ...loyalCustomers, id: 'a', statementTimeout: '30s' },
      { ...loyalCustomers, id: 'b', statementTimeout: { minutes: 2 } },
      { ...loyalCustomers, id: 'c', statementTimeout: 'PT1H' },
      { ...loyalCustomers, id: 'd' },
    ]);

    expect(audiences.map(a => a.statementTimeoutMs)).toEqual([
      30_000,
      120_000,
      3_600_000,
      undefined,
    ]);
    expect(audiences[0]).not.toHaveProperty('statementTimeout');
  });

  it.each([
    ['a plain number', 30, /got number, wanted object/],
    ['nonsense', 'soon', /Not a valid duration string/],
    ['an unknown unit', { fortnights: 1 }, /Needs one or more of 'years'/],
    ['zero', '0ms', /must be at least 1 ms/],
  ])(
    'names the path of a statement timeout that is %s',
    (_case, value, problem) => {
      const error = readError([
        loyalCustomers,
        { ...loyalCustomers, id: 'slow', statementTimeout: value },
      ]);
      expect(error.message).toContain(
        'audienceSyncs.audiences[1].statementTimeout: ',
      );
      expect(error.message).toMatch(problem);
    },
  );

  it('names the path of a trait that is not a plain column name', () => {
    const error = readError([
      { ...loyalCustomers, traits: ['ltv; drop table customers'] },
    ]);

    expect(error.message).toContain('audienceSyncs.audiences[0].traits[0]');
  });
});

describe('readWarehouseConfig', () => {
  it('is undefined without a warehouse', () => {
    expect(readWarehouseConfig(new ConfigReader({}))).toBeUndefined();
    expect(
      readWarehouseConfig(new ConfigReader({ audienceSyncs: {} })),
    ).toBeUndefined();
  });

  it('gives the knex config of the warehouse', () => {
    const connection = {
      host: 'warehouse.internal',
      user: 'reader',
      password: 'pw',
      database: 'analytics',
    };

    expect(
      readWarehouseConfig(
        new ConfigReader({
          audienceSyncs: { warehouse: { client: 'pg', connection } },
        }),
      ),
    ).toEqual({
      knexConfig: { client: 'pg', connection, useNullAsDefault: true },
      statementTimeoutMs: 600_000,
    });
  });

  it('reads the statement timeout of the warehouse, naming its path when it is wrong', () => {
    const warehouse = (statementTimeout: JsonValue) =>
      readWarehouseConfig(
        new ConfigReader({
          audienceSyncs: {
            warehouse: {
              client: 'pg',
              connection: 'postgresql://w',
              statementTimeout,
            },
          },
        }),
      );

    expect(warehouse('90 seconds')?.statementTimeoutMs).toBe(90_000);
    expect(() => warehouse('forever')).toThrow(
      /^Invalid audience configuration: audienceSyncs\.warehouse\.statementTimeout: .*Not a valid duration string/,
    );
  });

  it('reads a connection string', () => {
    expect(
      readWarehouseConfig(
        new ConfigReader({
          audienceSyncs: {
            warehouse: { client: 'better-sqlite3', connection: ':memory:' },
          },
        }),
      ),
    ).toEqual({
      knexConfig: {
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      },
      statementTimeoutMs: 600_000,
    });
  });
});
