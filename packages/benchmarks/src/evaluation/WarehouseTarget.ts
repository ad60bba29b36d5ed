import { join } from 'node:path';
import { WarehouseKind } from '../options/BenchOptions';
import { formatSize } from '../options/parseSize';

/** Where one generated warehouse lives; serializable, so child processes can open it too. */
export type WarehouseTarget =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'pg' | 'mariadb';
      /** The server, without a database name. */
      server: string;
      database: string;
    };

/** The warehouse of one size, e.g. `warehouse-1M.sqlite`, or the database `bench_warehouse_1m`. */
export function warehouseTargetFor(
  kind: WarehouseKind,
  size: number,
  options: {
    dataDir: string;
    pgConnection?: string;
    mariadbConnection?: string;
  },
): WarehouseTarget {
  const name = `warehouse-${formatSize(size)}`;
  if (kind === 'sqlite') {
    return { kind, file: join(options.dataDir, `${name}.sqlite`) };
  }
  const server =
    kind === 'pg' ? options.pgConnection : options.mariadbConnection;
  if (!server) throw new Error(`${kind} needs a server URL`);
  return {
    kind,
    server,
    database: `bench_${name.replace(/-/g, '_').toLowerCase()}`,
  };
}

/** The target's URL with its database, for drivers and Knex. */
export function databaseUrl(
  target: Exclude<WarehouseTarget, { kind: 'sqlite' }>,
) {
  const url = new URL(target.server);
  url.pathname = `/${target.database}`;
  return url.toString();
}
