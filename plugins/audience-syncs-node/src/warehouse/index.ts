export {
  canStreamWarehouse,
  streamWarehouseRows,
  SUPPORTED_WAREHOUSE_CLIENTS,
} from './streamWarehouseRows';
export type { WarehouseQuery, WarehouseRow } from './WarehouseQuery';
export { WarehouseQueryError } from './WarehouseQueryError';
export type { WarehouseQueryFailure } from './WarehouseQueryError';
