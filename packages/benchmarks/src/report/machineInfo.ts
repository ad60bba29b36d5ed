import { execFileSync } from 'node:child_process';
import os from 'node:os';
import knexFactory from 'knex';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  postgres?: string;
  /** 1-minute load average when the bench started: above the core count, other work shared the CPUs. */
  loadAverage: number;
}

/** What the numbers were measured on, printed above the tables and kept in the JSON. */
export async function machineInfo(pgConnection?: string): Promise<MachineInfo> {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite: await sqliteVersion(),
    postgres: pgConnection ? await postgresVersion(pgConnection) : undefined,
    loadAverage: os.loadavg()[0],
  };
}

export function formatMachineInfo(info: MachineInfo): string {
  return [
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}`,
    `Node ${info.node}, SQLite ${info.sqlite}, PostgreSQL ${
      info.postgres ?? 'not used'
    }`,
    `Load average at start: ${info.loadAverage.toFixed(2)} (${
      info.loadAverage > info.cores * 0.5 ? 'shared with other work' : 'idle'
    })`,
    `Commit: ${commit()}`,
  ].join('\n');
}

async function sqliteVersion(): Promise<string> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    const [row] = await knex.raw('SELECT sqlite_version() AS version');
    return row.version;
  } finally {
    await knex.destroy();
  }
}

async function postgresVersion(connection: string): Promise<string> {
  const knex = knexFactory({ client: 'pg', connection });
  try {
    const { rows } = await knex.raw('SHOW server_version');
    return rows[0].server_version;
  } finally {
    await knex.destroy();
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown';
  }
}
