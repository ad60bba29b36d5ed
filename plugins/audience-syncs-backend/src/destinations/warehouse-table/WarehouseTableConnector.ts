import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';
import { WarehouseTableClient } from './WarehouseTableClient';

/**
 * Warehouse-table destinations: membership rows (identifier, object id, mapped fields in their own columns)
 * upserted into and deleted from a table of any Knex-reachable database, for warehouse-side activation.
 */
export class WarehouseTableConnector implements DestinationConnector {
  readonly type = 'warehouse-table';
  readonly label = 'Warehouse Table';

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    return WarehouseTableClient.fromSettings(
      destination.settings,
      context.logger,
    );
  }
}
