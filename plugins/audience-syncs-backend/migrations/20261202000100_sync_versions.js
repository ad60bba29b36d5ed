// @ts-check

/**
 * Syncs get a version, raised by every edit, pause and resume, so that an edit made from a stale read is
 * refused instead of undoing a change the editor never saw. Evaluations get a heartbeat, renewed by the
 * instance writing their members, so that only an evaluation whose instance stopped is recorded as failed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('syncs', table => {
    table.integer('version').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable('audience_evaluations', table => {
    table.timestamp('heartbeat_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audience_evaluations', table => {
    table.dropColumn('heartbeat_at');
  });
  await knex.schema.alterTable('syncs', table => {
    table.dropColumn('version');
  });
};
