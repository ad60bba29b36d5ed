export const SCENARIOS = [
  'plan',
  'memory',
  'throughput',
  'ceilings',
  'hashing',
  'evaluation',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const DATABASES = ['sqlite', 'pg'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/** The warehouses the evaluation scenario reads audiences from. */
export const WAREHOUSES = ['sqlite', 'pg', 'mariadb'] as const;
export type WarehouseKind = (typeof WAREHOUSES)[number];

/** What one `bench` invocation runs; see `parseBenchOptions` for the flags. */
export interface BenchOptions {
  scenarios: Scenario[];
  /** Measured runs per case; the table shows their median and min–max. */
  runs: number;
  planSizes: number[];
  memorySizes: number[];
  throughputSizes: number[];
  evaluationSizes: number[];
  databases: DatabaseKind[];
  warehouses: WarehouseKind[];
  /** Server URL (no database name); PostgreSQL cases are skipped without it. */
  pgConnection?: string;
  /** MariaDB (or MySQL) server URL (no database name); MariaDB warehouse cases are skipped without it. */
  mariadbConnection?: string;
  vendors: string[];
  /** Measured seconds per vendor run, after the vendor's burst allowance is spent. */
  ceilingSeconds: number;
  /** Identifiers hashed per hashing run. */
  hashCount: number;
  /** Generated databases, kept between invocations and reused for the same size. */
  dataDir: string;
  outDir: string;
  /** Regenerate data even when a matching data set exists. */
  fresh: boolean;
  /** The throughput scenario's engine runs with the member history recorded (`on`), not (`off`), or both. */
  memberHistory: Array<'on' | 'off'>;
  /** Write a V8 CPU profile of every child process (sync runs, raw POSTs) under `<outDir>/profiles`. */
  profile: boolean;
}
