import { Config } from '@backstage/config';
import { SqlAudienceSource } from '@internal/plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import {
  readSqlAudiencesConfig,
  readWarehouseConfig,
} from './readSqlAudiencesConfig';

/**
 * The built-in audience source: `audienceSyncs.audiences`, SQL over `audienceSyncs.warehouse`. Undefined
 * when config defines no SQL audiences.
 */
export function sqlAudienceSourceFromConfig(
  config: Config,
): SqlAudienceSource | undefined {
  const audiences = readSqlAudiencesConfig(config);
  const warehouse = readWarehouseConfig(config);
  if (audiences.length === 0) return undefined;
  if (!warehouse) {
    throw new Error(
      'Invalid audience configuration: audienceSyncs.warehouse is required when audienceSyncs.audiences is set',
    );
  }
  return SqlAudienceSource.create({
    id: 'sql',
    warehouse: knexFactory(warehouse as Knex.Config),
    audiences,
  });
}
