import { DEMO_AUDIENCES } from '@signalsmith/backstage-plugin-audience-syncs-backend-module-demo';
import { knex } from 'knex';
import { join } from 'node:path';

/**
 * The members of a demo audience computed independently of the portal: the audience's SQL from the demo
 * module run on the demo warehouse the portal generated in its data folder.
 */
export async function audienceMembers(
  dataDir: string,
  audienceId: string,
): Promise<Record<string, unknown>[]> {
  const audience = DEMO_AUDIENCES.find(a => a.id === audienceId);
  if (!audience) throw new Error(`No demo audience '${audienceId}'`);
  const warehouse = knex({
    client: 'better-sqlite3',
    connection: { filename: join(dataDir, 'warehouse.sqlite') },
    useNullAsDefault: true,
  });
  try {
    return await warehouse.raw(audience.sql);
  } finally {
    await warehouse.destroy();
  }
}
