import knexFactory from 'knex';

/** Creates the database on the server unless it exists (PostgreSQL has no CREATE DATABASE IF NOT EXISTS). */
export async function ensurePgDatabase(
  server: string,
  database: string,
): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: server });
  try {
    const { rows } = await admin.raw(
      'SELECT 1 FROM pg_database WHERE datname = ?',
      [database],
    );
    if (rows.length === 0) await admin.raw('CREATE DATABASE ??', [database]);
  } finally {
    await admin.destroy();
  }
}
