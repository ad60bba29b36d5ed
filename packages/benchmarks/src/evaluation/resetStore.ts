import { rmSync } from 'node:fs';
import knexFactory from 'knex';
import { migrationsDir } from '../backend';
import { DatabaseTarget } from '../db/DatabaseTarget';
import { openDatabase } from '../db/openDatabase';

/** Empties the snapshot store (a new SQLite file, or a new PostgreSQL database) and migrates it. */
export async function resetStore(target: DatabaseTarget): Promise<void> {
  if (target.kind === 'sqlite') {
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      rmSync(`${target.file}${suffix}`, { force: true });
    }
  } else {
    const admin = knexFactory({ client: 'pg', connection: target.server });
    try {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
        target.database,
      ]);
      await admin.raw('CREATE DATABASE ??', [target.database]);
    } finally {
      await admin.destroy();
    }
  }
  const knex = openDatabase(target);
  try {
    await knex.migrate.latest({ directory: migrationsDir });
  } finally {
    await knex.destroy();
  }
}
