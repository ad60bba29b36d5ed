import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory from 'knex';
import { DatabaseTarget } from '../db/DatabaseTarget';
import { ensurePgDatabase } from '../db/ensurePgDatabase';
import { openDatabase } from '../db/openDatabase';
import { migrationsDir } from '../backend';
import { formatSize } from '../options/parseSize';
import { log } from '../report/log';
import { DataSet, GENERATOR_VERSION } from './DataSet';
import { readDataSetMarker, writeDataSetMarker } from './dataSetMarker';
import { generateAudience } from './generateAudience';

/**
 * The data set in `target`: the one already there when it matches the spec (generation of 10M rows
 * takes minutes, and runs only read it or restore it), otherwise a new one in an emptied database.
 */
export async function prepareDataSet(
  target: DatabaseTarget,
  spec: { size: number; churn: boolean; destinationId: string },
  options: { fresh: boolean },
): Promise<DataSet> {
  if (!options.fresh) {
    const existing = await readExisting(target);
    if (
      existing?.generator === GENERATOR_VERSION &&
      existing.size === spec.size &&
      existing.churn === spec.churn &&
      existing.destinationId === spec.destinationId &&
      (await migrateExisting(target))
    ) {
      return existing;
    }
  }
  const label = `${formatSize(spec.size)} members${
    spec.churn ? ' + ledger' : ''
  } on ${target.kind}`;
  log(`generating ${label}`);
  await empty(target);
  const knex = openDatabase(target);
  try {
    const dataSet = await generateAudience(knex, target.kind, spec);
    await writeDataSetMarker(knex, dataSet);
    log(`generated ${label} in ${(dataSet.generatedInMs / 1000).toFixed(1)}s`);
    return dataSet;
  } finally {
    await knex.destroy();
  }
}

async function readExisting(target: DatabaseTarget) {
  if (target.kind === 'pg') {
    await ensurePgDatabase(target.server, target.database);
  } else {
    mkdirSync(dirname(target.file), { recursive: true });
  }
  const knex = openDatabase(target);
  try {
    return await readDataSetMarker(knex);
  } finally {
    await knex.destroy();
  }
}

/**
 * Brings a kept data set to the plugin's current schema (a migration added since it was generated); false
 * when that is impossible, e.g. the database holds migrations this checkout does not have.
 */
async function migrateExisting(target: DatabaseTarget): Promise<boolean> {
  const knex = openDatabase(target);
  try {
    await knex.migrate.latest({ directory: migrationsDir });
    return true;
  } catch (error) {
    log(`regenerating: the kept data set cannot be migrated (${error})`);
    return false;
  } finally {
    await knex.destroy();
  }
}

async function empty(target: DatabaseTarget) {
  if (target.kind === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      rmSync(`${target.file}${suffix}`, { force: true });
    }
    return;
  }
  const admin = knexFactory({ client: 'pg', connection: target.server });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      target.database,
    ]);
    await admin.raw('CREATE DATABASE ??', [target.database]);
  } finally {
    await admin.destroy();
  }
}
