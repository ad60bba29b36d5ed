import { createDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { WarehouseTableClient } from './WarehouseTableClient';
import { warehouseTableSettings } from './warehouseTableSettings';

/**
 * Warehouse-table destinations: membership rows (identifier, object id, mapped fields in their own columns)
 * upserted into and deleted from a table of any Knex-reachable database, for warehouse-side activation.
 */
export const warehouseTableConnector = createDestinationConnector({
  type: 'warehouse-table',
  label: 'Warehouse Table',
  settings: warehouseTableSettings,
  create: context => WarehouseTableClient.create(context),
});
