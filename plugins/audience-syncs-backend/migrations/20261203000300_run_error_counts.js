// @ts-check

/**
 * How many of each run's rows were invalid or refused by the destination, by error code. The run's error
 * sample keeps only the first rows; these counts cover every one, so a run's errors can be summarised by
 * reason. Rows go with their run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sync_run_error_counts', table => {
    table.comment('Invalid and refused rows of each run, counted by code');
    table
      .integer('run_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('sync_runs')
      .onDelete('CASCADE');
    table.string('code', 64).notNullable();
    table.integer('error_count').notNullable();
    table.primary(['run_id', 'code']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_run_error_counts');
};
