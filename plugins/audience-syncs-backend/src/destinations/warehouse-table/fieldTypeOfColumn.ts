import { DestinationFieldType } from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * The kind of value a column holds, from the SQL type Knex's `columnInfo` reports (SQLite, PostgreSQL and
 * MySQL spell them differently: `datetime`, `timestamp with time zone`, `double precision`, …).
 */
export function fieldTypeOfColumn(sqlType: string): DestinationFieldType {
  const type = sqlType.toLowerCase();
  if (type.startsWith('bool')) return 'boolean';
  if (type.startsWith('timestamp') || type.startsWith('datetime')) {
    return 'datetime';
  }
  if (type === 'date') return 'date';
  if (/int|numeric|decimal|float|double|real/.test(type)) return 'number';
  return 'string';
}
