import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../paths';
import { VENDOR_NAMES } from '../ceilings/vendorProfiles';
import {
  BenchOptions,
  DATABASES,
  DatabaseKind,
  Scenario,
  SCENARIOS,
  WarehouseKind,
  WAREHOUSES,
} from './BenchOptions';
import { parseSize } from './parseSize';

export const USAGE = `yarn bench [flags]

  --scenario <list>    ${SCENARIOS.join(',')} (default: all)
  --sizes <list>       audience sizes for plan, memory, throughput and evaluation, e.g. 100k,1m
                       (default: plan 100k,1m,10m; memory 1m,10m; throughput 1m;
                       evaluation 1m,10m)
  --runs <n>           measured runs per case (default 3)
  --db <list>          sqlite,pg (default both; pg needs a server, see --pg)
  --pg <url>           PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:54329
                       (default: $BENCH_PG_CONNECTION_STRING or
                       $BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)
  --warehouse <list>   warehouses of the evaluation scenario: ${WAREHOUSES.join(
    ',',
  )}
                       (default all; mariadb needs a server, see --mariadb)
  --mariadb <url>      MariaDB or MySQL server, e.g. mysql://root@127.0.0.1:33069
                       (default: $BENCH_MARIADB_CONNECTION_STRING or
                       $AUDIENCE_SYNCS_TEST_MYSQL_CONNECTION_STRING)
  --vendor <list>      ${VENDOR_NAMES.join(',')} (default: all)
  --ceiling-seconds <n> measured seconds per vendor run (default 20)
  --member-history <list> on,off: throughput runs with the member history recorded,
                       not, or both side by side (default on, as the plugin's default)
  --hash-count <size>  identifiers per hashing run (default 2m)
  --data-dir <dir>     generated databases, reused across invocations (default bench-results/data)
  --out <dir>          where the JSON results go (default bench-results)
  --fresh              regenerate data even when a matching data set exists
  --profile            CPU-profile every child process into <out>/profiles
                       (summarize one with src/profileSummary.ts)
  --help`;

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      db: { type: 'string' },
      pg: { type: 'string' },
      warehouse: { type: 'string' },
      mariadb: { type: 'string' },
      vendor: { type: 'string' },
      'ceiling-seconds': { type: 'string' },
      'hash-count': { type: 'string' },
      'member-history': { type: 'string' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      fresh: { type: 'boolean' },
      profile: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const sizes = values.sizes ? list(values.sizes).map(parseSize) : undefined;
  const outDir = resolve(REPO_ROOT, values.out ?? 'bench-results');
  return {
    scenarios: oneOf('--scenario', values.scenario, SCENARIOS) as Scenario[],
    runs: positiveInteger('--runs', values.runs ?? '3'),
    planSizes: sizes ?? [100_000, 1_000_000, 10_000_000],
    memorySizes: sizes ?? [1_000_000, 10_000_000],
    throughputSizes: sizes ?? [1_000_000],
    evaluationSizes: sizes ?? [1_000_000, 10_000_000],
    databases: oneOf('--db', values.db, DATABASES) as DatabaseKind[],
    warehouses: oneOf(
      '--warehouse',
      values.warehouse,
      WAREHOUSES,
    ) as WarehouseKind[],
    pgConnection:
      values.pg ??
      process.env.BENCH_PG_CONNECTION_STRING ??
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
    mariadbConnection:
      values.mariadb ??
      process.env.BENCH_MARIADB_CONNECTION_STRING ??
      process.env.AUDIENCE_SYNCS_TEST_MYSQL_CONNECTION_STRING,
    vendors: oneOf('--vendor', values.vendor, VENDOR_NAMES),
    ceilingSeconds: positiveInteger(
      '--ceiling-seconds',
      values['ceiling-seconds'] ?? '20',
    ),
    memberHistory: oneOf('--member-history', values['member-history'] ?? 'on', [
      'on',
      'off',
    ]) as Array<'on' | 'off'>,
    hashCount: parseSize(values['hash-count'] ?? '2m'),
    dataDir: values['data-dir']
      ? resolve(REPO_ROOT, values['data-dir'])
      : resolve(outDir, 'data'),
    outDir,
    fresh: values.fresh ?? false,
    profile: values.profile ?? false,
  };
}

function list(text: string): string[] {
  return text
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
}

function oneOf(
  flag: string,
  text: string | undefined,
  allowed: readonly string[],
): string[] {
  if (text === undefined) return [...allowed];
  const chosen = list(text);
  for (const item of chosen) {
    if (!allowed.includes(item)) {
      throw new Error(`${flag}: '${item}' is not one of ${allowed.join(', ')}`);
    }
  }
  return chosen;
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${flag}: '${text}' is not a whole number >= 1`);
  }
  return value;
}
