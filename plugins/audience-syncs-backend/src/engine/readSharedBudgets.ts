import { Config } from '@backstage/config';
import { Knex } from 'knex';

const KEY = 'audienceSyncs.engine.sharedBudgets';

/**
 * Whether the vendors' budgets live in the plugin's database, shared by every replica
 * (`audienceSyncs.engine.sharedBudgets`): by default on PostgreSQL and MySQL, where replicas share the
 * database, and not on SQLite, a single process's file. A bad value stops the backend naming the key.
 */
export function readSharedBudgets(config: Config, knex: Knex): boolean {
  const value = config.getOptional(KEY);
  if (value === undefined) {
    return !/sqlite/.test(String(knex.client.config.client));
  }
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(
    `${KEY}: must be true or false, got ${JSON.stringify(value)}`,
  );
}
