import { knex } from 'knex';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../portal/startPortal';

/**
 * The members of a demo audience computed independently of the portal: the audience's SQL from
 * app-config.yaml run on the demo warehouse the portal generated in its data folder.
 */
export async function audienceMembers(
  dataDir: string,
  audienceId: string,
): Promise<Record<string, unknown>[]> {
  const config = parse(
    readFileSync(join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
  );
  const audience = config.audienceSyncs.audiences.find(
    (a: { id: string }) => a.id === audienceId,
  );
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
