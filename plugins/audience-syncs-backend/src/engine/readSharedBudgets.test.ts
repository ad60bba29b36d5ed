import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { readSharedBudgets } from './readSharedBudgets';

const knexOf = (client: string) =>
  ({ client: { config: { client } } } as unknown as Knex);
const config = (sharedBudgets?: unknown) =>
  new ConfigReader(
    sharedBudgets === undefined
      ? {}
      : { audienceSyncs: { engine: { sharedBudgets } } },
  );

describe('readSharedBudgets', () => {
  it('shares the budgets where replicas share the database, not on SQLite', () => {
    expect(readSharedBudgets(config(), knexOf('pg'))).toBe(true);
    expect(readSharedBudgets(config(), knexOf('mysql2'))).toBe(true);
    expect(readSharedBudgets(config(), knexOf('better-sqlite3'))).toBe(false);
  });

  it('follows the setting, as a boolean or an environment string', () => {
    expect(readSharedBudgets(config(false), knexOf('pg'))).toBe(false);
    expect(readSharedBudgets(config('true'), knexOf('better-sqlite3'))).toBe(
      true,
    );
  });

  it('refuses anything else, naming the key', () => {
    expect(() => readSharedBudgets(config('yes'), knexOf('pg'))).toThrow(
      'audienceSyncs.engine.sharedBudgets: must be true or false, got "yes"',
    );
  });
});
