import { BenchOptions, DatabaseKind } from '../options/BenchOptions';

/** The databases chosen that can run here, and a note for each that cannot. */
export function availableDatabases(options: BenchOptions): {
  databases: DatabaseKind[];
  notes: string[];
} {
  const databases = options.databases.filter(
    kind => kind !== 'pg' || options.pgConnection,
  );
  const notes =
    databases.length < options.databases.length
      ? [
          'PostgreSQL skipped: no server given (`source scripts/postgres.sh` or pass --pg <url>).',
        ]
      : [];
  return { databases, notes };
}
