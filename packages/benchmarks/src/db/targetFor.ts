import { join } from 'node:path';
import { DatabaseKind } from '../options/BenchOptions';
import { formatSize } from '../options/parseSize';
import { DatabaseTarget } from './DatabaseTarget';

/** The database of one data set, e.g. `plan-1M.sqlite`, or the PostgreSQL database `bench_plan_1m`. */
export function targetFor(
  kind: DatabaseKind,
  purpose: 'plan' | 'sync' | 'ceiling' | 'evaluation',
  size: number,
  options: { dataDir: string; pgConnection?: string },
  /** Tells apart data sets of one purpose and size, e.g. the vendor of a ceiling run. */
  variant?: string,
): DatabaseTarget {
  const name = [purpose, variant, formatSize(size)].filter(Boolean).join('-');
  if (kind === 'sqlite') {
    return { kind, file: join(options.dataDir, `${name}.sqlite`) };
  }
  if (!options.pgConnection) {
    throw new Error('PostgreSQL needs --pg or a connection string variable');
  }
  return {
    kind,
    server: options.pgConnection,
    database: `bench_${name.replace(/-/g, '_').toLowerCase()}`,
  };
}
