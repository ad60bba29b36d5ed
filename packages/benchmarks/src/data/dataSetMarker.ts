import { Knex } from 'knex';
import { DataSet } from './DataSet';

const TABLE = 'bench_data_set';

/** The data set a database holds, or undefined when it holds none (or the table is missing). */
export async function readDataSetMarker(
  knex: Knex,
): Promise<DataSet | undefined> {
  if (!(await knex.schema.hasTable(TABLE))) return undefined;
  const row = await knex(TABLE).first('value');
  return row ? (JSON.parse(row.value) as DataSet) : undefined;
}

/** Written last, so an interrupted generation leaves no marker and is redone. */
export async function writeDataSetMarker(
  knex: Knex,
  dataSet: DataSet,
): Promise<void> {
  await knex.schema.createTable(TABLE, table => {
    table.text('value').notNullable();
  });
  await knex(TABLE).insert({ value: JSON.stringify(dataSet) });
}
