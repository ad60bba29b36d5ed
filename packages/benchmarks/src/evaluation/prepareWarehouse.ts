import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { ensurePgDatabase } from '../db/ensurePgDatabase';
import { formatSize } from '../options/parseSize';
import { log } from '../report/log';
import { CUSTOMERS_TABLE } from './benchAudience';
import { customersTableSql } from './customersTableSql';
import { openWarehouse } from './openWarehouse';
import { WarehouseTarget } from './WarehouseTarget';

/** Bump when the generated table changes shape, so older warehouses are rebuilt. */
const GENERATOR_VERSION = 1;
const MARKER_TABLE = 'bench_warehouse';

/**
 * The warehouse of `size` customers in `target`: the one already there when its marker matches (10M rows
 * take minutes to generate), otherwise a new table. The marker is written last, so an interrupted
 * generation is redone.
 */
export async function prepareWarehouse(
  target: WarehouseTarget,
  size: number,
  options: { fresh: boolean },
): Promise<void> {
  await ensureDatabase(target);
  let knex = openWarehouse(target);
  try {
    if (!options.fresh && (await markerMatches(knex, size))) return;
    const label = `a ${formatSize(size)}-row warehouse on ${target.kind}`;
    log(`generating ${label}`);
    const startedAt = Date.now();
    if (target.kind === 'sqlite') {
      await knex.destroy();
      for (const suffix of ['', '-journal', '-wal', '-shm']) {
        rmSync(`${target.file}${suffix}`, { force: true });
      }
      knex = openWarehouse(target);
      await knex.raw('PRAGMA synchronous = OFF');
    }
    await knex.schema.dropTableIfExists(MARKER_TABLE);
    await knex.schema.dropTableIfExists(CUSTOMERS_TABLE);
    await knex.raw(customersTableSql(target.kind, size));
    if (target.kind === 'pg')
      await knex.raw(`VACUUM ANALYZE ${CUSTOMERS_TABLE}`);
    await knex.schema.createTable(MARKER_TABLE, table => {
      table.text('value').notNullable();
    });
    await knex(MARKER_TABLE).insert({
      value: JSON.stringify({ generator: GENERATOR_VERSION, size }),
    });
    log(
      `generated ${label} in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`,
    );
  } finally {
    await knex.destroy();
  }
}

async function markerMatches(knex: Knex, size: number): Promise<boolean> {
  if (!(await knex.schema.hasTable(MARKER_TABLE))) return false;
  const row = await knex(MARKER_TABLE).first('value');
  const marker = row ? JSON.parse(row.value) : undefined;
  return marker?.generator === GENERATOR_VERSION && marker?.size === size;
}

async function ensureDatabase(target: WarehouseTarget): Promise<void> {
  if (target.kind === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    return;
  }
  if (target.kind === 'mariadb') {
    const admin = knexFactory({ client: 'mysql2', connection: target.server });
    try {
      await admin.raw(`CREATE DATABASE IF NOT EXISTS ${target.database}`);
    } finally {
      await admin.destroy();
    }
    return;
  }
  await ensurePgDatabase(target.server, target.database);
}
