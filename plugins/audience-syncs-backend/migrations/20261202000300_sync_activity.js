// @ts-check

/**
 * Each sync's own history of what people did to it (created, edited and what changed, paused, resumed,
 * approved a held run, asked for a run), shown on its page: the audit log holds the same events, but a
 * sync's owner cannot read it. Rows go with their sync.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sync_activity', table => {
    table.comment('What people did to each sync, newest last');
    table.increments('id');
    table
      .string('sync_id', 64)
      .notNullable()
      .references('id')
      .inTable('syncs')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table
      .text('changes')
      .nullable()
      .comment('An edit: JSON list of { field, from, to }');
    table.integer('run_id').nullable();
    table.index(['sync_id', 'id'], 'sync_activity_sync_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_activity');
};
