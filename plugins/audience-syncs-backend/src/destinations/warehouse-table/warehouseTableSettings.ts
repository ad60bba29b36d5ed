import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  readTimeoutMs,
  readWholeNumber,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** Column types `createTable` can give the declared field columns (Knex schema builder methods). */
export const COLUMN_TYPES = [
  'string',
  'text',
  'integer',
  'bigInteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'json',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface WarehouseTableSettings {
  knexConfig: { client: string; connection: unknown };
  schema?: string;
  table: string;
  keyColumn: string;
  objectColumn: string;
  syncedAtColumn: string;
  createTable: boolean;
  /** Field columns a created table gets, beside the key, object and synced-at columns. */
  columns: Array<{ name: string; type: ColumnType }>;
  objects: DestinationObject[];
  batchSize: number;
  timeoutMs: number;
}

/** The settings of a warehouse-table destination; the credentials among them. */
export const warehouseTableSettings: DestinationSettingsReader<WarehouseTableSettings> =
  {
    secretKeys: ['connection', 'connection.password'],
    read: readWarehouseTableSettings,
  };

/**
 * The settings of a warehouse-table destination. Each error names its setting and never repeats a secret.
 * - `client`, `connection` (required): a Knex configuration (`pg`, `better-sqlite3`, `mysql2`, …); the
 *   connection may hold credentials;
 * - `table` (required), `schema` (optional): where membership rows go;
 * - `keyColumn` (default `identifier`), `objectColumn` (default `object_id`): a row is one member of one
 *   object; the pair must be the table's primary key or a unique index;
 * - `syncedAtColumn` (default `synced_at`): set to the time of each write when the table has it;
 * - `createTable` (default false): create the table when it is missing, with the key, object and synced-at
 *   columns, the primary key, and the field columns of `columns` (`{ name: type }`, type one of
 *   string, text, integer, bigInteger, float, decimal, boolean, date, datetime, json);
 * - `objects` (optional): `[{ id, name }]` offered even before they hold rows;
 * - `batchSize` (default 1,000, at most 10,000): rows per transaction;
 * - `timeoutMs` (default 30,000): the longest wait for a connection.
 */
function readWarehouseTableSettings(settings: Config): WarehouseTableSettings {
  const client = settings.getString('client').trim();
  if (!client) throw new Error('client: must name a Knex client, e.g. pg');
  const connection = settings.get('connection');
  if (
    typeof connection !== 'string' &&
    (typeof connection !== 'object' ||
      connection === null ||
      Array.isArray(connection))
  ) {
    throw new Error(
      'connection: must be a Knex connection object or connection string',
    );
  }
  const name = (key: string, fallback?: string) => {
    const value = settings.getOptionalString(key) ?? fallback;
    if (value === undefined) return undefined;
    if (!NAME.test(value)) {
      throw new Error(
        `${key}: '${value}' is not a plain name (letters, digits and _, not starting with a digit)`,
      );
    }
    return value;
  };
  const table = name('table') ?? settings.getString('table');
  const keyColumn = name('keyColumn', 'identifier')!;
  const objectColumn = name('objectColumn', 'object_id')!;
  const syncedAtColumn = name('syncedAtColumn', 'synced_at')!;
  if (new Set([keyColumn, objectColumn, syncedAtColumn]).size < 3) {
    throw new Error(
      'objectColumn: keyColumn, objectColumn and syncedAtColumn must be three different columns',
    );
  }

  const declared = settings.getOptionalConfig('columns');
  const columns = (declared?.keys() ?? []).map(column => {
    const type = declared!.getString(column);
    if (!NAME.test(column)) {
      throw new Error(`columns.${column}: is not a plain column name`);
    }
    if ([keyColumn, objectColumn, syncedAtColumn].includes(column)) {
      throw new Error(
        `columns.${column}: is the key, object or synced-at column, which createTable makes itself`,
      );
    }
    if (!(COLUMN_TYPES as readonly string[]).includes(type)) {
      throw new Error(
        `columns.${column}: '${type}' is not one of ${COLUMN_TYPES.join(', ')}`,
      );
    }
    return { name: column, type: type as ColumnType };
  });

  const objects = (settings.getOptionalConfigArray('objects') ?? []).map(
    (o, index) => {
      const id = String(o.get('id')).trim();
      if (id === '' || id.length > 255) {
        throw new Error(`objects[${index}].id: must be 1 to 255 characters`);
      }
      return { id, name: o.getOptionalString('name') ?? id };
    },
  );

  const batchSize = readWholeNumber(settings, 'batchSize', {
    min: 1,
    max: 10_000,
    fallback: 1000,
  });
  const timeoutMs = readTimeoutMs(settings);
  return {
    knexConfig: { client, connection },
    schema: name('schema'),
    table,
    keyColumn,
    objectColumn,
    syncedAtColumn,
    createTable: settings.getOptionalBoolean('createTable') ?? false,
    columns,
    objects,
    batchSize,
    timeoutMs,
  };
}
