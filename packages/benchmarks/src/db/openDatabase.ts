import knexFactory, { Knex } from 'knex';
import { DatabaseTarget } from './DatabaseTarget';

/**
 * A Knex client configured as Backstage configures the plugin's own (foreign keys on for SQLite, a pool
 * for PostgreSQL), so the engine under test sees what it sees in a backend.
 */
export function openDatabase(target: DatabaseTarget): Knex {
  if (target.kind === 'sqlite') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: target.file },
      useNullAsDefault: true,
      pool: {
        afterCreate: (
          connection: { pragma(sql: string): unknown },
          done: (error: Error | null, connection: unknown) => void,
        ) => {
          connection.pragma('foreign_keys = ON');
          done(null, connection);
        },
      },
    });
  }
  const url = new URL(target.server);
  url.pathname = `/${target.database}`;
  return knexFactory({ client: 'pg', connection: url.toString() });
}
