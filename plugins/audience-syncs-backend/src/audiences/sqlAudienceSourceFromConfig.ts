import { Config } from '@backstage/config';
import {
  canStreamWarehouse,
  SqlAudienceSource,
  SUPPORTED_WAREHOUSE_CLIENTS,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import {
  readSqlAudiencesConfig,
  readWarehouseConfig,
  WarehouseConfig,
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
    warehouse: openWarehouse(warehouse.knexConfig),
    audiences,
    statementTimeoutMs: warehouse.statementTimeoutMs,
  });
}

/** A Knex client for the warehouse; problems name `audienceSyncs.warehouse.client`. */
function openWarehouse(config: WarehouseConfig['knexConfig']): Knex {
  let knex: Knex;
  try {
    knex = knexFactory(config as Knex.Config);
  } catch (error) {
    throw new Error(
      `Invalid audience configuration: audienceSyncs.warehouse.client: '${
        config.client
      }' cannot be loaded (${(error as Error).message})`,
    );
  }
  if (!canStreamWarehouse(knex)) {
    void knex.destroy();
    throw new Error(
      `Invalid audience configuration: audienceSyncs.warehouse.client: '${
        config.client
      }' is not supported; use one of ${SUPPORTED_WAREHOUSE_CLIENTS.join(
        ', ',
      )}, or add an audience source module for this warehouse`,
    );
  }
  return knex;
}
