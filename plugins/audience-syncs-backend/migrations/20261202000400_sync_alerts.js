// @ts-check

/**
 * Alerts: which of each sync's alerts are open, so that its owners are notified once when one opens and
 * once when it clears, however many runs or replicas see the same state; and each sync's own alert
 * thresholds. Rows go with their sync.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sync_alerts', table => {
    table.comment('The state of each kind of alert of each sync');
    table
      .string('sync_id', 64)
      .notNullable()
      .references('id')
      .inTable('syncs')
      .onDelete('CASCADE');
    table.string('kind', 32).notNullable();
    table.boolean('open').notNullable();
    table
      .timestamp('changed_at', { useTz: true })
      .notNullable()
      .comment('When it last opened or cleared');
    table.primary(['sync_id', 'kind']);
  });
  await knex.schema.alterTable('syncs', table => {
    table
      .double('alert_invalid_share')
      .nullable()
      .comment('Null: the operator default');
    table
      .double('alert_row_count_swing')
      .nullable()
      .comment('Null: the operator default');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('syncs', table => {
    table.dropColumn('alert_row_count_swing');
    table.dropColumn('alert_invalid_share');
  });
  await knex.schema.dropTable('sync_alerts');
};
