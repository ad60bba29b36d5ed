export const SCENARIOS = [
  'plan',
  'memory',
  'throughput',
  'ceilings',
  'hashing',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const DATABASES = ['sqlite', 'pg'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/** What one `bench` invocation runs; see `parseBenchOptions` for the flags. */
export interface BenchOptions {
  scenarios: Scenario[];
  /** Measured runs per case; the table shows their median and min–max. */
  runs: number;
  planSizes: number[];
  memorySizes: number[];
  throughputSizes: number[];
  databases: DatabaseKind[];
  /** Server URL (no database name); PostgreSQL cases are skipped without it. */
  pgConnection?: string;
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
  /** Write a V8 CPU profile of every child process (sync runs, raw POSTs) under `<outDir>/profiles`. */
  profile: boolean;
}
